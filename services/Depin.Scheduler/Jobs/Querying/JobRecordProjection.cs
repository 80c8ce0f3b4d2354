using Depin.Compute.Backends;
using Depin.Scheduler.Jobs.Verifying;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Depin.Scheduler.Jobs.Querying;

/// <summary>Inline: each job event updates the job's record in the same transaction as the append.</summary>
public sealed class JobRecordProjection : SingleStreamProjection<JobRecord, string>
{
    public override JobRecord Evolve(JobRecord? snapshot, string id, IEvent e)
    {
        var r = snapshot ?? new JobRecord { Id = id, JobId = JobDecider.IdOf(id) };
        r.UpdatedAt = e.Timestamp;
        r.Version = e.Version;
        switch (e.Data)
        {
            case JobSubmitted s:
                (r.ClientAccountId, r.Kernel, r.ParametersJson, r.Status, r.MaxPricePerUnit, r.EstimatedUnits, r.MaxCost, r.Deadline, r.Region, r.SubmittedAt) =
                    (s.ClientAccountId, s.Kernel, s.ParametersJson, JobStatus.Submitted, s.MaxPricePerUnit, s.EstimatedUnits, s.MaxCost, s.Deadline, s.Region, s.At);
                (r.DeviceClass, r.MinGpuMemoryMiB, r.Replication, r.ExtraReplicas) = (s.DeviceClass, s.MinGpuMemoryMiB, s.Replication, s.ExtraReplicas ?? 0);
                r.CorrelationId = e.CorrelationId;
                break;
            case JobFunded:
                r.Status = JobStatus.Queued;
                break;
            case JobReplicationChosen c:
                r.Replication = c.Replication;
                break;
            case JobAssigned a:
                r.Replicas.Add(new ReplicaView
                {
                    Attempt = a.Attempt, NodeId = a.NodeId, ProviderAccountId = a.ProviderAccountId, Status = ReplicaStatus.Assigned,
                    DeviceClass = a.DeviceClass ?? Compute.Backends.DeviceClass.Cpu, PricePerUnit = a.PricePerUnit, LeaseUntil = a.LeaseUntil,
                });
                (r.Attempts, r.PricePerUnit, r.Progress, r.RanOn, r.WaitingReason) = (a.Attempt, a.PricePerUnit, 0, a.DeviceClass ?? Compute.Backends.DeviceClass.Cpu, null);
                break;
            case JobWaiting w:
                r.WaitingReason = w.Reason;
                break;
            case JobStarted s:
                Update(r, s.Attempt, v => (v.Status, v.LeaseUntil) = (ReplicaStatus.Running, s.LeaseUntil));
                break;
            case JobProgressed p:
                r.Progress = p.Fraction;
                Update(r, p.Attempt, v => v.LeaseUntil = p.LeaseUntil);
                break;
            case JobAttemptLost l:
                Update(r, l.Attempt, v => (v.Status, v.LeaseUntil, v.Reason) = (ReplicaStatus.Lost, null, l.Reason));
                r.Reason = l.Reason;
                break;
            case JobReplicaReported p:
                Update(r, p.Attempt, v => (v.Status, v.LeaseUntil, v.ResultHash) = (ReplicaStatus.Reported, null, p.ResultHash));
                r.LeadingVotes = p.LeadingVotes;
                break;
            case JobResultRejected x:
                Update(r, x.Attempt, v => (v.Status, v.Reason) = (ReplicaStatus.Rejected, x.Reason));
                break;
            case JobAttemptWithdrawn w:
                Update(r, w.Attempt, v => (v.Status, v.LeaseUntil, v.Reason) = (ReplicaStatus.Withdrawn, null, w.Reason));
                break;
            case JobLateResultRecorded l:
                Update(r, l.Attempt, v => (v.Status, v.ResultHash, v.Reason) = (ReplicaStatus.Late, l.ResultHash, l.Reason));
                break;
            case JobCompleted c:
                foreach (var paid in c.Paid())
                    if (r.Replicas.Find(v => v.NodeId == paid.NodeId && v.Status == ReplicaStatus.Reported) is { } v) v.Status = ReplicaStatus.Accepted;
                Update(r, c.Attempt, v => (v.Status, v.LeaseUntil, v.ResultHash) = (ReplicaStatus.Accepted, null, c.ResultHash));
                Withdraw(r, "the job completed without it");
                (r.Status, r.Progress, r.ResultHash, r.ResultJson, r.Units, r.Cost, r.Reason) =
                    (JobStatus.Completed, 1, c.ResultHash, c.ResultJson, c.Units, c.Cost, null);
                (r.RanOn, r.NodeId, r.PricePerUnit) = (c.DeviceClass ?? Compute.Backends.DeviceClass.Cpu, c.NodeId, c.PricePerUnit);
                break;
            case JobFailed f:
                Withdraw(r, "the job failed");
                (r.Status, r.Reason, r.WaitingReason) = (JobStatus.Failed, f.Reason, null);
                break;
            case JobCancelled:
                Withdraw(r, "the job was cancelled");
                (r.Status, r.Reason, r.WaitingReason) = (JobStatus.Cancelled, "cancelled by the client", null);
                break;
        }
        Settle(r);
        return r;
    }

    private static void Update(JobRecord r, int attempt, Action<ReplicaView> update)
    {
        if (r.Replicas.Find(v => v.Attempt == attempt) is { } replica) update(replica);
    }

    private static void Withdraw(JobRecord r, string reason)
    {
        foreach (var v in r.InFlight.ToList()) (v.Status, v.LeaseUntil, v.Reason) = (ReplicaStatus.Withdrawn, null, reason);
    }

    /// <summary>What follows from the replicas: the status (as the job's own state computes it), the nodes in flight and the earliest lease.</summary>
    private static void Settle(JobRecord r)
    {
        if (r.Replicas.Count == 0) return;   // not placed yet (or a record stored before replicas: its status stands)
        var inFlight = r.InFlight.ToList();
        var results = r.Replicas.Count(v => v.Status is ReplicaStatus.Reported or ReplicaStatus.Accepted or ReplicaStatus.Rejected);
        var toPlace = ReplicaCounts.ToPlace(r.Replication, r.ExtraReplicas, results, r.LeadingVotes, inFlight.Count);
        r.Status = ReplicaCounts.Status(r.Status, toPlace, inFlight.Count, inFlight.Exists(v => v.Status == ReplicaStatus.Running));
        r.NodeIds = [.. inFlight.Select(v => v.NodeId)];
        if (r.Status != JobStatus.Completed) r.NodeId = inFlight.FirstOrDefault()?.NodeId;
        r.LeaseUntil = inFlight.Min(v => v.LeaseUntil);
    }
}
