namespace Depin.Contracts.NodeRegistry;

/// <summary>An offline node heartbeats again.</summary>
public sealed record NodeCameOnline(Guid NodeId, long Version, DateTimeOffset At);
