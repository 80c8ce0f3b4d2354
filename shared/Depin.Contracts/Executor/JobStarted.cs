namespace Depin.Contracts.Executor;

/// <summary>A node started an attempt of a job.</summary>
public sealed record JobStarted(Guid JobId, int Attempt, Guid NodeId, DateTimeOffset StartedAt);
