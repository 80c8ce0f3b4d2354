namespace Depin.Contracts.NodeRegistry;

/// <summary>A node was registered or re-registered; Version orders updates of the same node.</summary>
public sealed record NodeRegistered(Guid NodeId, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities, long PricePerUnit, long Stake, long Version);
