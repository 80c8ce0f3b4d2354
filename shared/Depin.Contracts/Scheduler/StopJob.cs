namespace Depin.Contracts.Scheduler;

/// <summary>
/// Sent to one node's control queue: the scheduler no longer holds this attempt (the job was cancelled, failed or reached its
/// quorum without it, or its lease ran out), so the node should stop running it and free the slot. Nothing is paid for it.
/// </summary>
public sealed record StopJob(Guid JobId, int Attempt, Guid NodeId, string Reason, DateTimeOffset At);
