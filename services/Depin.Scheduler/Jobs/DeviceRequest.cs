using Depin.Compute.Backends;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Jobs;

/// <summary>
/// The device a job needs: a class (null: any) and, for a GPU, at least this much memory. It narrows where a job may
/// run, never what it costs: units come from the kernel's cost model and the price from the offer it runs on.
/// </summary>
public sealed record DeviceRequest(DeviceClass? Class, long? MinGpuMemoryMiB)
{
    public static readonly DeviceRequest Any = new(null, null);

    public bool AcceptsClass(NodeOffer offer) => Class is not { } wanted || offer.DeviceClass == wanted;

    public bool AcceptsMemory(NodeOffer offer) => MinGpuMemoryMiB is not { } min || offer.GpuMemoryMiB >= min;

    public override string ToString() =>
        Class is not { } c ? "any device" : MinGpuMemoryMiB is { } min ? $"a {c.Name()} with at least {min} MiB of memory" : $"a {c.Name()}";
}
