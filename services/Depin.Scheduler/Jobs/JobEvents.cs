using Depin.Compute.Backends;

namespace Depin.Scheduler.Jobs;

/// <summary>Events of a job stream. They stay inside the scheduler; IntegrationEventMap turns some into contracts.</summary>
public interface IJobEvent;

/// <summary>DeviceClass null: any device (and so in every job stored before device classes); MinGpuMemoryMiB only with a GPU.</summary>
public sealed record JobSubmitted(Guid JobId, Guid ClientAccountId, string Kernel, string ParametersJson, long MaxPricePerUnit,
    long EstimatedUnits, long MaxCost, DateTimeOffset Deadline, int Replication, string? Region, DateTimeOffset At,
    DeviceClass? DeviceClass = null, long? MinGpuMemoryMiB = null) : IJobEvent;

public sealed record JobFunded(long Amount, DateTimeOffset At) : IJobEvent;

/// <summary>
/// Carries what the node needs to run the attempt, so ExecuteJob is made from this event alone: the offer's device class and
/// price (DeviceClass null in attempts stored before device classes: the CPU).
/// </summary>
public sealed record JobAssigned(int Attempt, Guid NodeId, Guid ProviderAccountId, long PricePerUnit, DateTimeOffset LeaseUntil,
    string Kernel, string ParametersJson, long EstimatedUnits, DateTimeOffset At, DeviceClass? DeviceClass = null) : IJobEvent;

/// <summary>No online node can take the job now, and why; appended only when the reason changes.</summary>
public sealed record JobWaiting(string Reason, DateTimeOffset At) : IJobEvent;

public sealed record JobStarted(int Attempt, Guid NodeId, DateTimeOffset LeaseUntil, DateTimeOffset At) : IJobEvent;

public sealed record JobProgressed(int Attempt, double Fraction, DateTimeOffset LeaseUntil, DateTimeOffset At) : IJobEvent;

/// <summary>An attempt ended without a result (lease expired, node offline, handed back); the job goes back to the queue.</summary>
public sealed record JobAttemptLost(int Attempt, Guid NodeId, string Reason, DateTimeOffset At) : IJobEvent;

/// <summary>DeviceClass produced ResultHash (null in results stored before device classes: the CPU).</summary>
public sealed record JobCompleted(Guid ClientAccountId, int Attempt, Guid NodeId, Guid ProviderAccountId, string ResultHash, string ResultJson,
    long Units, long PricePerUnit, long Cost, DateTimeOffset At, DeviceClass? DeviceClass = null) : IJobEvent;

public sealed record JobFailed(Guid ClientAccountId, string Reason, DateTimeOffset At) : IJobEvent;

public sealed record JobCancelled(Guid ClientAccountId, DateTimeOffset At) : IJobEvent;
