namespace Depin.Contracts.NodeRegistry;

/// <summary>A node missed its heartbeats.</summary>
public sealed record NodeWentOffline(Guid NodeId, long Version, DateTimeOffset At);
