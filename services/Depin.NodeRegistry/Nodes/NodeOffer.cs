using Depin.Compute.Backends;

namespace Depin.NodeRegistry.Nodes;

/// <summary>A device class the node runs jobs on, at its own price (micro-credits per unit); GPU memory for a "gpu" offer.</summary>
public sealed record NodeOffer(DeviceClass DeviceClass, long PricePerUnit, long? GpuMemoryMiB)
{
    /// <summary>The CPU alone, at one price.</summary>
    public static IReadOnlyList<NodeOffer> CpuOnly(long pricePerUnit) => [new NodeOffer(DeviceClass.Cpu, pricePerUnit, null)];
}

/// <summary>An accelerator the executor found at start (kind "cpu", "cuda", …), as it reported it. Shown to people; placement reads offers.</summary>
public sealed record NodeAccelerator(string Kind, string Name, long MemoryBytes, string? ComputeCapability, string? Driver);
