namespace Depin.Compute.Backends;

/// <summary>The kind of device a job runs on, as clients ask for it and nodes advertise it.</summary>
public enum DeviceClass
{
    Cpu,
    Gpu,
}

/// <summary>Device classes as they appear on the wire and in the API: lower-case names.</summary>
public static class DeviceClasses
{
    public static readonly IReadOnlyList<string> Names = [.. Enum.GetValues<DeviceClass>().Select(Name)];

    public static string Name(this DeviceClass deviceClass) => deviceClass switch
    {
        DeviceClass.Cpu => "cpu",
        DeviceClass.Gpu => "gpu",
        _ => throw new ArgumentOutOfRangeException(nameof(deviceClass), deviceClass, null),
    };

    /// <summary>Exactly one of <see cref="Names"/>; numbers and other casings are not device classes.</summary>
    public static bool TryParse(string? name, out DeviceClass deviceClass)
    {
        foreach (var candidate in Enum.GetValues<DeviceClass>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                deviceClass = candidate;
                return true;
            }
        }
        deviceClass = default;
        return false;
    }

    /// <summary>A class sent by a peer that predates device classes (null) is the CPU, all there was then.</summary>
    public static DeviceClass ParseOrCpu(string? name) => TryParse(name, out var parsed) ? parsed : DeviceClass.Cpu;
}
