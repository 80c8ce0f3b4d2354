namespace Depin.Contracts.NodeRegistry;

/// <summary>A node takes no new work; what it runs may finish.</summary>
public sealed record NodeDrained(Guid NodeId, long Version, DateTimeOffset At);
