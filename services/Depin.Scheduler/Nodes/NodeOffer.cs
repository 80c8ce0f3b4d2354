using Depin.Compute.Backends;

namespace Depin.Scheduler.Nodes;

/// <summary>A device class a node runs jobs on, at its price (micro-credits per unit); the GPU's memory for a GPU offer.</summary>
public sealed record NodeOffer(DeviceClass DeviceClass, long PricePerUnit, long? GpuMemoryMiB)
{
    /// <summary>A node known from before device classes offered its CPU at its one price.</summary>
    public static List<NodeOffer> CpuOnly(long pricePerUnit) => [new NodeOffer(DeviceClass.Cpu, pricePerUnit, null)];
}
