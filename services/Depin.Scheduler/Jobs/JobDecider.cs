using Depin.Compute.Backends;
using Depin.EventSourcing.Deciding;
using Depin.Scheduler.Jobs.Placing;
using JobDecision = Depin.EventSourcing.Deciding.Decision<Depin.Scheduler.Jobs.IJobEvent>;

namespace Depin.Scheduler.Jobs;

/// <summary>The job lifecycle as a pure function of (command, state). Time comes in with the command.</summary>
public static class JobDecider
{
    public const int MaxAttempts = 3;

    public static readonly Decider<Job, IJobCommand, IJobEvent> Decider = new(Job.Initial, Job.Evolve, Decide);

    private const string Prefix = "job-";
    public static string StreamId(Guid jobId) => Prefix + jobId;
    public static Guid IdOf(string streamId) => Guid.Parse(streamId.AsSpan(Prefix.Length));

    public static JobDecision Decide(IJobCommand command, Job job) => command switch
    {
        SubmitJob c => Submit(c, job),
        _ when job.Status == JobStatus.None => JobDecision.Reject(RejectionCode.NotFound, "job does not exist"),
        RecordFundsReserved c => job.Status == JobStatus.Submitted ? JobDecision.Accept(new JobFunded(c.Amount, c.Now)) : JobDecision.Nothing,
        RecordFundsRejected c => job.Status == JobStatus.Submitted
            ? JobDecision.Accept(new JobFailed(job.ClientAccountId, $"insufficient funds: {c.Reason}", c.Now))
            : JobDecision.Nothing,
        PlaceJob c => Place(c, job),
        RecordStarted c => Holds(job, c.NodeId, c.Attempt) && job.Status == JobStatus.Assigned
            ? JobDecision.Accept(new JobStarted(c.Attempt, c.NodeId, LeaseEnd(c.Now, c.Lease, job), c.Now))
            : JobDecision.Nothing,
        RecordProgress c => Holds(job, c.NodeId, c.Attempt)
            ? JobDecision.Accept(new JobProgressed(c.Attempt, Math.Clamp(c.Fraction, 0, 1), LeaseEnd(c.Now, c.Lease, job), c.Now))
            : JobDecision.Nothing,
        RecordResult c => Complete(c, job),
        LoseAttempt c => Holds(job, c.NodeId, c.Attempt ?? job.Current?.Attempt ?? -1)
            ? Lose(job, c.Reason, c.Now)
            : JobDecision.Nothing,
        CheckTimeouts c => Timeouts(c, job),
        CancelJob c => job.IsTerminal
            ? JobDecision.Reject(RejectionCode.Conflict, $"the job is already {job.Status.ToString().ToLowerInvariant()}")
            : JobDecision.Accept(new JobCancelled(job.ClientAccountId, c.Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown job command"),
    };

    private static JobDecision Submit(SubmitJob c, Job job)
    {
        if (job.Status != JobStatus.None) return JobDecision.Reject(RejectionCode.Conflict, "a job with this id already exists");
        if (c.MaxPricePerUnit <= 0) return JobDecision.Reject(RejectionCode.Invalid, "maxPricePerUnit must be positive");
        if (c.EstimatedUnits <= 0) return JobDecision.Reject(RejectionCode.Invalid, "the kernel's cost model gave no units");
        if (c.Deadline <= c.Now) return JobDecision.Reject(RejectionCode.Invalid, "the deadline must be in the future");
        long maxCost;
        try { maxCost = checked(c.MaxPricePerUnit * c.EstimatedUnits); }
        catch (OverflowException) { return JobDecision.Reject(RejectionCode.Invalid, "maxPricePerUnit × estimated units overflows; lower maxPricePerUnit"); }
        if (c.Device.MinGpuMemoryMiB is not null && c.Device.Class != DeviceClass.Gpu)
            return JobDecision.Reject(RejectionCode.Invalid, "a minimum GPU memory needs deviceClass gpu");
        return JobDecision.Accept(new JobSubmitted(c.JobId, c.ClientAccountId, c.Kernel, c.ParametersJson, c.MaxPricePerUnit,
            c.EstimatedUnits, maxCost, c.Deadline, c.Replication, c.Region, c.Now, c.Device.Class, c.Device.MinGpuMemoryMiB));
    }

    private static JobDecision Place(PlaceJob c, Job job)
    {
        if (job.Status != JobStatus.Queued) return JobDecision.Nothing;
        if (c.Now >= job.Deadline) return JobDecision.Accept(new JobFailed(job.ClientAccountId, NoNodeInTime(job), c.Now));
        if (Eligibility.Best(job, c.Candidates) is not var (node, offer))
        {
            var reason = Eligibility.WhyNone(job, c.Candidates);
            return reason == job.WaitingReason ? JobDecision.Nothing : JobDecision.Accept(new JobWaiting(reason, c.Now));
        }
        return JobDecision.Accept(new JobAssigned(job.Attempts + 1, node.NodeId, node.ProviderAccountId, offer.PricePerUnit,
            LeaseEnd(c.Now, c.Lease, job), job.Kernel, job.ParametersJson, job.EstimatedUnits, c.Now, offer.DeviceClass));
    }

    private static string NoNodeInTime(Job job) =>
        job.WaitingReason is { } why ? $"no eligible node within the deadline: {why}" : "no eligible node within the deadline";

    private static JobDecision Complete(RecordResult c, Job job)
    {
        if (!Holds(job, c.NodeId, c.Attempt)) return JobDecision.Nothing;   // stale attempt or duplicate report
        var assignment = job.Current!;
        // Never charge beyond the escrow: metered units are capped by the cost model's estimate.
        var units = Math.Clamp(c.Units, 1, job.EstimatedUnits);
        var cost = units * assignment.PricePerUnit;
        return JobDecision.Accept(new JobCompleted(job.ClientAccountId, c.Attempt, c.NodeId, assignment.ProviderAccountId, c.ResultHash, c.ResultJson,
            units, assignment.PricePerUnit, cost, c.Now, c.DeviceClass));
    }

    private static JobDecision Timeouts(CheckTimeouts c, Job job)
    {
        if (job.IsTerminal) return JobDecision.Nothing;
        if (c.Now >= job.Deadline)
        {
            var failed = new JobFailed(job.ClientAccountId, job.Status switch
            {
                JobStatus.Submitted => "funds were not confirmed before the deadline",
                JobStatus.Queued => NoNodeInTime(job),
                _ => "the deadline passed before a result was reported",
            }, c.Now);
            return job.Current is { } held
                ? JobDecision.Accept(new JobAttemptLost(held.Attempt, held.NodeId, "deadline passed", c.Now), failed)
                : JobDecision.Accept(failed);
        }
        return job.Current is { } current && c.Now >= current.LeaseUntil
            ? Lose(job, "lease expired without a result", c.Now)
            : JobDecision.Nothing;
    }

    private static JobDecision Lose(Job job, string reason, DateTimeOffset now)
    {
        var current = job.Current!;
        var lost = new JobAttemptLost(current.Attempt, current.NodeId, reason, now);
        return job.Attempts >= MaxAttempts
            ? JobDecision.Accept(lost, new JobFailed(job.ClientAccountId, $"gave up after {job.Attempts} attempts; last: {reason}", now))
            : JobDecision.Accept(lost);
    }

    private static bool Holds(Job job, Guid nodeId, int attempt) =>
        job.Status is JobStatus.Assigned or JobStatus.Running && job.Current is { } a && a.NodeId == nodeId && a.Attempt == attempt;

    private static DateTimeOffset LeaseEnd(DateTimeOffset now, TimeSpan lease, Job job) => now + lease < job.Deadline ? now + lease : job.Deadline;
}
