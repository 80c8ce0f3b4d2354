namespace Depin.Contracts.Executor;

/// <summary>A node is alive. Not stored per beat: the registry keeps only the last time seen.</summary>
public sealed record NodeHeartbeat(Guid NodeId, int RunningJobs, DateTimeOffset SentAt);
