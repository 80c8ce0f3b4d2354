using System.Collections.Immutable;
using Depin.Compute.Backends;

namespace Depin.Scheduler.Jobs;

public enum JobStatus { None, Submitted, Queued, Assigned, Running, Completed, Failed, Cancelled }

public sealed record Assignment(int Attempt, Guid NodeId, Guid ProviderAccountId, long PricePerUnit, DeviceClass DeviceClass, DateTimeOffset LeaseUntil);

/// <summary>A job's state, folded from its stream.</summary>
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
    Assignment? Current,
    ImmutableList<Guid> TriedNodes,
    DeviceRequest Device,
    string? WaitingReason)
{
    public static readonly Job Initial = new(Guid.Empty, JobStatus.None, Guid.Empty, "", "{}", 0, 0, 0, default, null, 0, null, [], DeviceRequest.Any, null);

    public bool IsTerminal => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    public static Job Evolve(Job state, IJobEvent @event) => @event switch
    {
        JobSubmitted e => state with
        {
            JobId = e.JobId, Status = JobStatus.Submitted, ClientAccountId = e.ClientAccountId, Kernel = e.Kernel,
            ParametersJson = e.ParametersJson, MaxPricePerUnit = e.MaxPricePerUnit, EstimatedUnits = e.EstimatedUnits,
            MaxCost = e.MaxCost, Deadline = e.Deadline, Region = e.Region, Device = new DeviceRequest(e.DeviceClass, e.MinGpuMemoryMiB),
        },
        JobFunded => state with { Status = JobStatus.Queued },
        JobAssigned e => state with
        {
            Status = JobStatus.Assigned, Attempts = e.Attempt,
            Current = new Assignment(e.Attempt, e.NodeId, e.ProviderAccountId, e.PricePerUnit, e.DeviceClass ?? DeviceClass.Cpu, e.LeaseUntil),
            TriedNodes = state.TriedNodes.Add(e.NodeId), WaitingReason = null,
        },
        JobWaiting e => state with { WaitingReason = e.Reason },
        JobStarted e => state with { Status = JobStatus.Running, Current = state.Current! with { LeaseUntil = e.LeaseUntil } },
        JobProgressed e => state with { Current = state.Current! with { LeaseUntil = e.LeaseUntil } },
        JobAttemptLost => state with { Status = JobStatus.Queued, Current = null },
        JobCompleted => state with { Status = JobStatus.Completed },
        JobFailed => state with { Status = JobStatus.Failed, Current = null },
        JobCancelled => state with { Status = JobStatus.Cancelled, Current = null },
        _ => state,
    };
}
