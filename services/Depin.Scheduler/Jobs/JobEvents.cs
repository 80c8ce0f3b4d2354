using Depin.Compute.Backends;
using Depin.Scheduler.Jobs.Probing;

namespace Depin.Scheduler.Jobs;

/// <summary>Events of a job stream. They stay inside the scheduler; IntegrationEventMap turns some into contracts.</summary>
public interface IJobEvent;

/// <summary>
/// DeviceClass null: any device (and so in every job stored before device classes); MinGpuMemoryMiB only with a GPU.
/// Replication 0: chosen at the first placement by the verification policy (<see cref="JobReplicationChosen"/>).
/// MaxAttempts, ExtraReplicas and AutoReplication are the policy's terms then (null in jobs stored before: see <see cref="JobTerms.Legacy"/>).
/// Probe: set for a known-answer probe of one node (never told to the node).
/// </summary>
public sealed record JobSubmitted(Guid JobId, Guid ClientAccountId, string Kernel, string ParametersJson, long MaxPricePerUnit,
    long EstimatedUnits, long MaxCost, DateTimeOffset Deadline, int Replication, string? Region, DateTimeOffset At,
    DeviceClass? DeviceClass = null, long? MinGpuMemoryMiB = null, int? MaxAttempts = null, int? ExtraReplicas = null, int? AutoReplication = null,
    KnownAnswer? Probe = null) : IJobEvent;

/// <summary>How many replicas a job that asked for none runs, and why (its first node trusted, new, recently wrong, or spot-checked).</summary>
public sealed record JobReplicationChosen(int Replication, string Reason, DateTimeOffset At) : IJobEvent;

public sealed record JobFunded(long Amount, DateTimeOffset At) : IJobEvent;

/// <summary>
/// Carries what the node needs to run the attempt, so ExecuteJob is made from this event alone: the offer's device class and
/// price (DeviceClass null in attempts stored before device classes: the CPU). ExpectedSeconds: the run the lease allows
/// for, from the node's measured speed (null when unknown, and in attempts stored before leases were proportional).
/// </summary>
public sealed record JobAssigned(int Attempt, Guid NodeId, Guid ProviderAccountId, long PricePerUnit, DateTimeOffset LeaseUntil,
    string Kernel, string ParametersJson, long EstimatedUnits, DateTimeOffset At, DeviceClass? DeviceClass = null, double? ExpectedSeconds = null) : IJobEvent;

/// <summary>No online node can take the job now, and why; appended only when the reason changes.</summary>
public sealed record JobWaiting(string Reason, DateTimeOffset At) : IJobEvent;

public sealed record JobStarted(int Attempt, Guid NodeId, DateTimeOffset LeaseUntil, DateTimeOffset At) : IJobEvent;

public sealed record JobProgressed(int Attempt, double Fraction, DateTimeOffset LeaseUntil, DateTimeOffset At) : IJobEvent;

public enum LossCause { Other, LeaseExpired, NodeOffline, HandedBack, DeadlinePassed }

/// <summary>
/// An attempt ended without a result (lease expired, node offline, handed back); the job goes back to the queue.
/// Cause is null in losses stored before causes were: Reason says it in words.
/// </summary>
public sealed record JobAttemptLost(int Attempt, Guid NodeId, string Reason, DateTimeOffset At, LossCause? Cause = null) : IJobEvent;

/// <summary>
/// An attempt still running when the job ended without a result (failed or cancelled): the node is told to stop it, and it
/// is never paid. Appended just before the event that ends the job. (One still running when a quorum is reached runs on:
/// its late result is evidence.)
/// </summary>
public sealed record JobAttemptWithdrawn(int Attempt, Guid NodeId, string Reason, DateTimeOffset At) : IJobEvent;

/// <summary>
/// One replica of a replicated job reported; it counts towards a quorum and is paid only if its result is the accepted one.
/// LeadingVotes: how many reported results agree with the most agreed-on one, this one included.
/// </summary>
public sealed record JobReplicaReported(int Attempt, Guid NodeId, Guid ProviderAccountId, string ResultHash, string ResultJson, long Units,
    long PricePerUnit, DeviceClass DeviceClass, int LeadingVotes, DateTimeOffset At, double? Seconds = null) : IJobEvent;

/// <summary>
/// The verdict on a replica whose result disagreed with the quorum's: the evidence billing slashes the node's stake on and
/// the registry lowers its reputation on. Its stored event id is the verdict id.
/// </summary>
public sealed record JobResultRejected(int Attempt, Guid NodeId, Guid ProviderAccountId, Guid ClientAccountId, string ResultHash, string AcceptedHash,
    string Reason, DateTimeOffset At) : IJobEvent;

/// <summary>A result from an attempt the job no longer held (lease lost, quorum reached, job ended): recorded, never paid.</summary>
public sealed record JobLateResultRecorded(int Attempt, Guid NodeId, string ResultHash, string Reason, DateTimeOffset At) : IJobEvent;

/// <summary>A replica paid for an accepted result: its own units (capped by the estimate) at its own price.</summary>
public sealed record ReplicaPayment(Guid NodeId, Guid ProviderAccountId, long Units, long PricePerUnit, long Cost);

/// <summary>
/// DeviceClass produced ResultHash (null in results stored before device classes: the CPU). Replicas: every replica paid,
/// for a job verified by replication (null for one replica: NodeId at PricePerUnit); Cost is then their sum. Seconds: how long
/// the node said its kernel ran, for one replica (a replicated job's replicas say it in their JobReplicaReported).
/// </summary>
public sealed record JobCompleted(Guid ClientAccountId, int Attempt, Guid NodeId, Guid ProviderAccountId, string ResultHash, string ResultJson,
    long Units, long PricePerUnit, long Cost, DateTimeOffset At, DeviceClass? DeviceClass = null, IReadOnlyList<ReplicaPayment>? Replicas = null,
    double? Seconds = null) : IJobEvent
{
    /// <summary>Every replica paid (a method, so it is never stored with the event).</summary>
    public IReadOnlyList<ReplicaPayment> Paid() => Replicas ?? [new ReplicaPayment(NodeId, ProviderAccountId, Units, PricePerUnit, Cost)];
}

public sealed record JobFailed(Guid ClientAccountId, string Reason, DateTimeOffset At) : IJobEvent;

public sealed record JobCancelled(Guid ClientAccountId, DateTimeOffset At) : IJobEvent;
