using Depin.Compute.Backends;
using Depin.Scheduler.Nodes;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Jobs.Probing;

namespace Depin.Scheduler.Jobs;

public interface IJobCommand;

/// <summary>
/// Replication 0: let the verification policy choose at placement (<see cref="JobTerms.AutoReplication"/> unless the node is
/// trusted). Probe: a known-answer probe of one node (placed only there, one replica, judged against the answer).
/// </summary>
public sealed record SubmitJob(Guid JobId, Guid ClientAccountId, string Kernel, string ParametersJson, long MaxPricePerUnit,
    long EstimatedUnits, DateTimeOffset Deadline, int Replication, string? Region, DeviceRequest Device, DateTimeOffset Now, JobTerms? Terms = null,
    KnownAnswer? Probe = null) : IJobCommand;

public sealed record RecordFundsReserved(long Amount, DateTimeOffset Now) : IJobCommand;

public sealed record RecordFundsRejected(string Reason, DateTimeOffset Now) : IJobCommand;

/// <summary>
/// Place the attempts the job needs on the best of these online nodes, or keep waiting, or fail once the deadline has passed.
/// Trust: how a job that asked for no replication is verified (none given: never trusted, so always replicated).
/// </summary>
public sealed record PlaceJob(NodePool Candidates, LeaseTerms Lease, DateTimeOffset Now, TrustPolicy? Trust = null) : IJobCommand;

/// <summary>
/// A node whose last <paramref name="TrustedAfter"/> verified results all agreed runs jobs alone, except for a spot check
/// when <paramref name="Draw"/> (uniform in [0, 1), drawn by the caller so the decider stays pure) falls under the rate.
/// </summary>
public sealed record TrustPolicy(int TrustedAfter, double SpotCheckRate, double Draw);

public sealed record RecordStarted(Guid NodeId, int Attempt, LeaseTerms Lease, DateTimeOffset Now) : IJobCommand;

public sealed record RecordProgress(Guid NodeId, int Attempt, double Fraction, LeaseTerms Lease, DateTimeOffset Now) : IJobCommand;

/// <summary>DeviceClass: the class the node says produced the hash; Seconds: how long it says the kernel ran (its speed is measured from it).</summary>
public sealed record RecordResult(Guid NodeId, int Attempt, string ResultHash, string ResultJson, long Units, DeviceClass DeviceClass, DateTimeOffset Now,
    double? Seconds = null) : IJobCommand;

/// <summary>The node lost the attempt (went offline, handed it back). Attempt null: whatever attempt it holds.</summary>
public sealed record LoseAttempt(Guid NodeId, int? Attempt, string Reason, DateTimeOffset Now, LossCause Cause = LossCause.Other) : IJobCommand;

public sealed record CheckTimeouts(DateTimeOffset Now) : IJobCommand;

public sealed record CancelJob(Guid RequestedBy, DateTimeOffset Now) : IJobCommand;

/// <summary>
/// An online node as the scheduler's node view knows it, with the device classes it offers at their prices: the attempts
/// it holds of the slots it advertised, its reputation (0..1, 0.5 for a newcomer), its verified results agreeing in a row,
/// and its measured speed on each device class it has run jobs on (none yet: unknown).
/// </summary>
public sealed record NodeCandidate(Guid NodeId, Guid ProviderAccountId, IReadOnlyList<NodeOffer> Offers, string Region, IReadOnlyList<string> Capabilities,
    int ActiveJobs, int Slots = 4, double Reputation = 0.5, int AgreementStreak = 0, IReadOnlyList<DeviceSpeed>? Speeds = null)
{
    public bool HasFreeSlot => ActiveJobs < Slots;

    /// <summary>Measured units per second on this device class (null: not measured yet).</summary>
    public double? SpeedOn(DeviceClass deviceClass) => Speeds?.FirstOrDefault(s => s.DeviceClass == deviceClass)?.UnitsPerSecond;
}
