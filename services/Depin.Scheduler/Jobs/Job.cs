using System.Collections.Immutable;
using Depin.Compute.Backends;
using Depin.Scheduler.Jobs.Probing;
using Depin.Scheduler.Jobs.Verifying;

namespace Depin.Scheduler.Jobs;

public enum JobStatus { None, Submitted, Queued, Assigned, Running, Completed, Failed, Cancelled }

/// <summary>One attempt in flight: a replica of the job on one node, under its own lease.</summary>
public sealed record Assignment(int Attempt, Guid NodeId, Guid ProviderAccountId, long PricePerUnit, DeviceClass DeviceClass, DateTimeOffset LeaseUntil,
    bool Started = false, double? ExpectedSeconds = null);

/// <summary>What one replica of a replicated job reported, waiting for a quorum.</summary>
public sealed record ReplicaResult(int Attempt, Guid NodeId, Guid ProviderAccountId, string ResultHash, string ResultJson, long Units, long PricePerUnit,
    DeviceClass DeviceClass);

/// <summary>
/// A job's state, folded from its stream. A job runs as <see cref="Replication"/> replicas on distinct nodes of distinct
/// providers (1: one attempt, no verification) and completes when a quorum of them agree; attempts lost along the way
/// (lease, node offline, handed back) are placed again until <see cref="Terms"/> says to give up.
/// </summary>
public sealed record Job(
    Guid JobId,
    JobStatus Status,
    Guid ClientAccountId,
    string Kernel,
    string ParametersJson,
    long MaxPricePerUnit,
    long EstimatedUnits,
    long MaxCost,
    DateTimeOffset Deadline,
    string? Region,
    int Attempts,
    int Replication,
    JobTerms Terms,
    ImmutableList<Assignment> InFlight,
    ImmutableList<ReplicaResult> Results,
    int LeadingVotes,
    ImmutableList<Assignment> Assignments,
    ReplicaResult? Accepted,
    ImmutableHashSet<int> Reported,
    ImmutableList<string> Losses,
    DeviceRequest Device,
    string? WaitingReason,
    KnownAnswer? Probe)
{
    public static readonly Job Initial = new(Guid.Empty, JobStatus.None, Guid.Empty, "", "{}", 0, 0, 0, default, null, 0, 0, JobTerms.Legacy, [], [], 0,
        [], null, [], [], DeviceRequest.Any, null, null);

    public bool IsTerminal => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>Agreeing results needed: a majority of the replication.</summary>
    public int Quorum => ReplicaCounts.Quorum(Replication);

    /// <summary>The most replicas the job may use: its replication, and more when results disagree.</summary>
    public int MaxReplicas => ReplicaCounts.Max(Replication, Terms.ExtraReplicas);

    /// <summary>How many more attempts to place now (0 while its replicas run or once it has ended).</summary>
    public int ToPlace => Status is JobStatus.None or JobStatus.Submitted || IsTerminal
        ? 0
        : ReplicaCounts.ToPlace(Replication, Terms.ExtraReplicas, Results.Count, LeadingVotes, InFlight.Count);

    public Assignment? Holding(Guid nodeId, int attempt) => InFlight.Find(a => a.NodeId == nodeId && a.Attempt == attempt);

    /// <summary>The attempt as it was placed (node, provider, price), whether it is still in flight or not.</summary>
    public Assignment? AttemptOf(int attempt) => Assignments.Find(a => a.Attempt == attempt);

    /// <summary>Every node the job was ever placed on.</summary>
    public IEnumerable<Guid> TriedNodes => Assignments.Select(a => a.NodeId);

    public bool HasTried(Guid nodeId) => Assignments.Exists(a => a.NodeId == nodeId);

    public static Job Evolve(Job state, IJobEvent @event) => (@event switch
    {
        JobSubmitted e => state with
        {
            JobId = e.JobId, Status = JobStatus.Submitted, ClientAccountId = e.ClientAccountId, Kernel = e.Kernel,
            ParametersJson = e.ParametersJson, MaxPricePerUnit = e.MaxPricePerUnit, EstimatedUnits = e.EstimatedUnits,
            MaxCost = e.MaxCost, Deadline = e.Deadline, Region = e.Region, Device = new DeviceRequest(e.DeviceClass, e.MinGpuMemoryMiB),
            Replication = e.Replication, Terms = JobTerms.Of(e), Probe = e.Probe,
        },
        JobFunded => state with { Status = JobStatus.Queued },
        JobReplicationChosen e => state with { Replication = e.Replication },
        JobAssigned e => state.Placing(new Assignment(e.Attempt, e.NodeId, e.ProviderAccountId, e.PricePerUnit, e.DeviceClass ?? DeviceClass.Cpu, e.LeaseUntil,
            ExpectedSeconds: e.ExpectedSeconds)),
        JobWaiting e => state with { WaitingReason = e.Reason },
        JobStarted e => state.Updating(e.Attempt, a => a with { Started = true, LeaseUntil = e.LeaseUntil }),
        JobProgressed e => state.Updating(e.Attempt, a => a with { LeaseUntil = e.LeaseUntil }),
        JobAttemptLost e => state with
        {
            InFlight = state.InFlight.RemoveAll(a => a.Attempt == e.Attempt), Losses = state.Losses.Add($"attempt {e.Attempt}: {e.Reason}"),
        },
        JobReplicaReported e => state with
        {
            InFlight = state.InFlight.RemoveAll(a => a.Attempt == e.Attempt), Reported = state.Reported.Add(e.Attempt),
            Results = state.Results.Add(new ReplicaResult(e.Attempt, e.NodeId, e.ProviderAccountId, e.ResultHash, e.ResultJson, e.Units, e.PricePerUnit,
                e.DeviceClass)),
            LeadingVotes = e.LeadingVotes,
        },
        // A rejected result has been reported (by a replica, a late one or a probe), whatever else was recorded of it.
        JobResultRejected e => state with { InFlight = state.InFlight.RemoveAll(a => a.Attempt == e.Attempt), Reported = state.Reported.Add(e.Attempt) },
        JobLateResultRecorded e => state with { Reported = state.Reported.Add(e.Attempt) },
        JobAttemptWithdrawn e => state with { InFlight = state.InFlight.RemoveAll(a => a.Attempt == e.Attempt) },
        JobCompleted e => state with
        {
            Status = JobStatus.Completed, InFlight = [], Reported = state.Reported.Add(e.Attempt),
            Accepted = new ReplicaResult(e.Attempt, e.NodeId, e.ProviderAccountId, e.ResultHash, e.ResultJson, e.Units, e.PricePerUnit, e.DeviceClass ?? DeviceClass.Cpu),
        },
        JobFailed => state with { Status = JobStatus.Failed, InFlight = [] },
        JobCancelled => state with { Status = JobStatus.Cancelled, InFlight = [] },
        _ => state,
    }).WithStatus();

    private Job Placing(Assignment placed) =>
        this with { Attempts = placed.Attempt, InFlight = InFlight.Add(placed), Assignments = Assignments.Add(placed), WaitingReason = null };

    private Job Updating(int attempt, Func<Assignment, Assignment> update) =>
        InFlight.FindIndex(a => a.Attempt == attempt) is var i and >= 0 ? this with { InFlight = InFlight.SetItem(i, update(InFlight[i])) } : this;

    private Job WithStatus() =>
        ReplicaCounts.Status(Status, ToPlace, InFlight.Count, InFlight.Exists(a => a.Started)) is var status && status != Status ? this with { Status = status } : this;
}
