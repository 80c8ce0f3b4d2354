namespace Depin.NodeRegistry.Nodes.Registering;

/// <summary>
/// Prices in micro-credits per compute unit, stake in micro-credits. A node gives either pricePerUnit (a CPU-only
/// node, as before device classes) or offers: each device class it serves ("cpu", "gpu") at its own price. Slots: the
/// attempts it runs at once (1 when left out); it is never given more.
/// </summary>
public sealed record RegisterNodeRequest(string? Name, string? Region, IReadOnlyList<string>? Capabilities, long? PricePerUnit, long? Stake,
    IReadOnlyList<OfferRequest?>? Offers = null, IReadOnlyList<AcceleratorRequest?>? Accelerators = null, int? Slots = null);

/// <summary>gpuMemoryMiB: the memory of the GPU behind a "gpu" offer (required for "gpu", not allowed for "cpu").</summary>
public sealed record OfferRequest(string? DeviceClass, long? PricePerUnit, long? GpuMemoryMiB);

/// <summary>What the executor found at start, shown with the node.</summary>
public sealed record AcceleratorRequest(string? Kind, string? Name, long? MemoryBytes, string? ComputeCapability, string? Driver);
