namespace Depin.NodeRegistry.Nodes.Registering;

/// <summary>pricePerUnit in micro-credits per compute unit; stake in micro-credits.</summary>
public sealed record RegisterNodeRequest(string? Name, string? Region, IReadOnlyList<string>? Capabilities, long? PricePerUnit, long? Stake);
