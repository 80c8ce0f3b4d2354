namespace Depin.Contracts.Executor;

/// <summary>A node gives an attempt back without a result (shutting down, or the kernel failed).</summary>
public sealed record JobHandedBack(Guid JobId, int Attempt, Guid NodeId, string Reason, DateTimeOffset At);
