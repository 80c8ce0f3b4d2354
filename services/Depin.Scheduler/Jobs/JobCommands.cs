using Depin.Compute.Backends;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Jobs;

public interface IJobCommand;

public sealed record SubmitJob(Guid JobId, Guid ClientAccountId, string Kernel, string ParametersJson, long MaxPricePerUnit,
    long EstimatedUnits, DateTimeOffset Deadline, int Replication, string? Region, DeviceRequest Device, DateTimeOffset Now) : IJobCommand;

public sealed record RecordFundsReserved(long Amount, DateTimeOffset Now) : IJobCommand;

public sealed record RecordFundsRejected(string Reason, DateTimeOffset Now) : IJobCommand;

/// <summary>Place the job on the best of these online nodes, or keep waiting, or fail once the deadline has passed.</summary>
public sealed record PlaceJob(IReadOnlyList<NodeCandidate> Candidates, TimeSpan Lease, DateTimeOffset Now) : IJobCommand;

public sealed record RecordStarted(Guid NodeId, int Attempt, TimeSpan Lease, DateTimeOffset Now) : IJobCommand;

public sealed record RecordProgress(Guid NodeId, int Attempt, double Fraction, TimeSpan Lease, DateTimeOffset Now) : IJobCommand;

/// <summary>DeviceClass: the class the node says produced the hash.</summary>
public sealed record RecordResult(Guid NodeId, int Attempt, string ResultHash, string ResultJson, long Units, DeviceClass DeviceClass, DateTimeOffset Now)
    : IJobCommand;

/// <summary>The node lost the attempt (went offline, handed it back). Attempt null: whatever attempt it holds.</summary>
public sealed record LoseAttempt(Guid NodeId, int? Attempt, string Reason, DateTimeOffset Now) : IJobCommand;

public sealed record CheckTimeouts(DateTimeOffset Now) : IJobCommand;

public sealed record CancelJob(Guid RequestedBy, DateTimeOffset Now) : IJobCommand;

/// <summary>An online node as the scheduler's node view knows it, with the device classes it offers at their prices.</summary>
public sealed record NodeCandidate(Guid NodeId, Guid ProviderAccountId, IReadOnlyList<NodeOffer> Offers, string Region, IReadOnlyList<string> Capabilities,
    int ActiveJobs);
