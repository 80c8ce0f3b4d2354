namespace Depin.Contracts.Executor;

/// <summary>Progress of a running attempt, Fraction in [0, 1].</summary>
public sealed record JobProgressed(Guid JobId, int Attempt, Guid NodeId, double Fraction, DateTimeOffset At);
