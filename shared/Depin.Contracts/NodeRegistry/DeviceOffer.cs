namespace Depin.Contracts.NodeRegistry;

/// <summary>
/// One device class a node runs jobs on ("cpu" or "gpu") at its own price in micro-credits per unit;
/// GpuMemoryMiB is the memory of the GPU behind a "gpu" offer, null for "cpu".
/// </summary>
public sealed record DeviceOffer(string DeviceClass, long PricePerUnit, long? GpuMemoryMiB);
