namespace Depin.Scheduler.Jobs;

/// <summary>Events of a job stream. They stay inside the scheduler; IntegrationEventMap turns some into contracts.</summary>
public interface IJobEvent;

public sealed record JobSubmitted(Guid JobId, Guid ClientAccountId, string Kernel, string ParametersJson, long MaxPricePerUnit,
    long EstimatedUnits, long MaxCost, DateTimeOffset Deadline, int Replication, string? Region, DateTimeOffset At) : IJobEvent;

public sealed record JobFunded(long Amount, DateTimeOffset At) : IJobEvent;

/// <summary>Carries what the node needs to run the attempt, so ExecuteJob is made from this event alone.</summary>
public sealed record JobAssigned(int Attempt, Guid NodeId, Guid ProviderAccountId, long PricePerUnit, DateTimeOffset LeaseUntil,
    string Kernel, string ParametersJson, long EstimatedUnits, DateTimeOffset At) : IJobEvent;

public sealed record JobStarted(int Attempt, Guid NodeId, DateTimeOffset LeaseUntil, DateTimeOffset At) : IJobEvent;

public sealed record JobProgressed(int Attempt, double Fraction, DateTimeOffset LeaseUntil, DateTimeOffset At) : IJobEvent;

/// <summary>An attempt ended without a result (lease expired, node offline, handed back); the job goes back to the queue.</summary>
public sealed record JobAttemptLost(int Attempt, Guid NodeId, string Reason, DateTimeOffset At) : IJobEvent;

public sealed record JobCompleted(Guid ClientAccountId, int Attempt, Guid NodeId, Guid ProviderAccountId, string ResultHash, string ResultJson,
    long Units, long PricePerUnit, long Cost, DateTimeOffset At) : IJobEvent;

public sealed record JobFailed(Guid ClientAccountId, string Reason, DateTimeOffset At) : IJobEvent;

public sealed record JobCancelled(Guid ClientAccountId, DateTimeOffset At) : IJobEvent;
