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
                (r.DeviceClass, r.MinGpuMemoryMiB) = (s.DeviceClass, s.MinGpuMemoryMiB);
                break;
            case JobFunded:
                r.Status = JobStatus.Queued;
                break;
            case JobAssigned a:
                (r.Status, r.Attempts, r.NodeId, r.LeaseUntil, r.PricePerUnit, r.Progress) = (JobStatus.Assigned, a.Attempt, a.NodeId, a.LeaseUntil, a.PricePerUnit, 0);
                (r.RanOn, r.WaitingReason) = (a.DeviceClass ?? Compute.Backends.DeviceClass.Cpu, null);
                break;
            case JobWaiting w:
                r.WaitingReason = w.Reason;
                break;
            case JobStarted s:
                (r.Status, r.LeaseUntil) = (JobStatus.Running, s.LeaseUntil);
                break;
            case JobProgressed p:
                (r.Progress, r.LeaseUntil) = (p.Fraction, p.LeaseUntil);
                break;
            case JobAttemptLost l:
                (r.Status, r.NodeId, r.LeaseUntil, r.Reason) = (JobStatus.Queued, null, null, l.Reason);
                break;
            case JobCompleted c:
                (r.Status, r.Progress, r.LeaseUntil, r.ResultHash, r.ResultJson, r.Units, r.Cost, r.Reason) =
                    (JobStatus.Completed, 1, null, c.ResultHash, c.ResultJson, c.Units, c.Cost, null);
                r.RanOn = c.DeviceClass ?? Compute.Backends.DeviceClass.Cpu;
                break;
            case JobFailed f:
                (r.Status, r.LeaseUntil, r.Reason, r.WaitingReason) = (JobStatus.Failed, null, f.Reason, null);
                break;
            case JobCancelled:
                (r.Status, r.LeaseUntil, r.Reason, r.WaitingReason) = (JobStatus.Cancelled, null, "cancelled by the client", null);
                break;
        }
        return r;
    }
}
