namespace Depin.Compute.Backends;

/// <summary>The kind of device a job runs on, as clients ask for it and nodes advertise it.</summary>
public enum DeviceClass
{
    Cpu,
    Gpu,
}
