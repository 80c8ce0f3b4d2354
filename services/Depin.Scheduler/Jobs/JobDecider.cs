using Depin.Compute.Backends;
using Depin.EventSourcing.Deciding;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Jobs.Probing;
using Depin.Scheduler.Jobs.Verifying;
using JobDecision = Depin.EventSourcing.Deciding.Decision<Depin.Scheduler.Jobs.IJobEvent>;

namespace Depin.Scheduler.Jobs;

/// <summary>The job lifecycle as a pure function of (command, state). Time (and any random draw) comes in with the command.</summary>
public static class JobDecider
{
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
        RecordStarted c => job.Holding(c.NodeId, c.Attempt) is { Started: false } started
            ? JobDecision.Accept(new JobStarted(c.Attempt, c.NodeId, LeaseEnd(c.Now, c.Lease.For(started.ExpectedSeconds), job), c.Now))
            : JobDecision.Nothing,
        RecordProgress c => job.Holding(c.NodeId, c.Attempt) is { } running
            ? JobDecision.Accept(new JobProgressed(c.Attempt, Math.Clamp(c.Fraction, 0, 1),
                LeaseEnd(c.Now, c.Lease.For(running.ExpectedSeconds, 1 - c.Fraction), job), c.Now))
            : JobDecision.Nothing,
        RecordResult c => Report(c, job),
        LoseAttempt c => job.InFlight.Find(a => a.NodeId == c.NodeId && (c.Attempt is null || a.Attempt == c.Attempt)) is { } held
            ? Lose(job, [held], c.Reason, c.Cause, c.Now)
            : JobDecision.Nothing,
        CheckTimeouts c => Timeouts(c, job),
        CancelJob c => job.IsTerminal
            ? JobDecision.Reject(RejectionCode.Conflict, $"the job is already {job.Status.ToString().ToLowerInvariant()}")
            : JobDecision.Accept([.. Withdraw(job, "the job was cancelled", c.Now), new JobCancelled(job.ClientAccountId, c.Now)]),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown job command"),
    };

    private static JobDecision Submit(SubmitJob c, Job job)
    {
        if (job.Status != JobStatus.None) return JobDecision.Reject(RejectionCode.Conflict, "a job with this id already exists");
        if (c.MaxPricePerUnit <= 0) return JobDecision.Reject(RejectionCode.Invalid, "maxPricePerUnit must be positive");
        if (c.EstimatedUnits <= 0) return JobDecision.Reject(RejectionCode.Invalid, "the kernel's cost model gave no units");
        if (c.Deadline <= c.Now) return JobDecision.Reject(RejectionCode.Invalid, "the deadline must be in the future");
        if (c.Replication < 0) return JobDecision.Reject(RejectionCode.Invalid, "replication cannot be negative");
        var terms = c.Terms ?? JobTerms.Legacy;
        // The escrow covers the replicas a quorum pays: a majority of the replication the job asked for, or of the
        // policy's for an untrusted node when it asked for none (a job that runs alone is charged once, the rest released).
        var paidReplicas = Math.Max(c.Replication == 0 ? terms.AutoReplication : c.Replication, 1) / 2 + 1;
        long maxCost;
        try { maxCost = checked(c.MaxPricePerUnit * c.EstimatedUnits * paidReplicas); }
        catch (OverflowException) { return JobDecision.Reject(RejectionCode.Invalid, "maxPricePerUnit × estimated units overflows; lower maxPricePerUnit"); }
        if (c.Device.MinGpuMemoryMiB is not null && c.Device.Class != DeviceClass.Gpu)
            return JobDecision.Reject(RejectionCode.Invalid, "a minimum GPU memory needs deviceClass gpu");
        if (c.Probe is not null && (c.Replication != 1 || c.Device.Class != c.Probe.DeviceClass))
            return JobDecision.Reject(RejectionCode.Invalid, "a probe runs one replica on the device class of its known answer");
        return JobDecision.Accept(new JobSubmitted(c.JobId, c.ClientAccountId, c.Kernel, c.ParametersJson, c.MaxPricePerUnit,
            c.EstimatedUnits, maxCost, c.Deadline, c.Replication, c.Region, c.Now, c.Device.Class, c.Device.MinGpuMemoryMiB,
            terms.MaxAttempts, terms.ExtraReplicas, terms.AutoReplication, c.Probe));
    }

    private static JobDecision Place(PlaceJob c, Job job)
    {
        if (job.Status != JobStatus.Queued) return JobDecision.Nothing;
        if (c.Now >= job.Deadline) return Fail(job, [], NoNodeInTime(job), c.Now);
        // A probe goes to its node or nowhere.
        var candidates = job.Probe is { } probe ? c.Candidates.Only(probe.NodeId) : c.Candidates;
        var events = new List<IJobEvent>();
        var state = job;
        // A job that asked for no replication has it chosen by its first node's trust (a policy of one replica chooses nothing).
        if (state.Replication == 0 && state.Terms.AutoReplication > 1 && Eligibility.Best(state, candidates) is var (first, _))
        {
            var chosen = AdaptiveReplication.Choose(state, first, c.Trust, c.Now);
            events.Add(chosen);
            state = Job.Evolve(state, chosen);
        }
        var taken = new HashSet<Guid>();
        while (state.ToPlace > 0 && Eligibility.Best(state, candidates, taken) is var (node, offer))
        {
            var expected = LeaseTerms.ExpectedSeconds(job.EstimatedUnits, node.SpeedOn(offer.DeviceClass));
            var assigned = new JobAssigned(state.Attempts + 1, node.NodeId, node.ProviderAccountId, offer.PricePerUnit,
                LeaseEnd(c.Now, c.Lease.For(expected), job), job.Kernel, job.ParametersJson, job.EstimatedUnits, c.Now, offer.DeviceClass, expected);
            events.Add(assigned);
            state = Job.Evolve(state, assigned);
            taken.Add(node.NodeId);
        }
        if (state.ToPlace > 0 && state.InFlight.Count == 0)
        {
            var reason = Eligibility.WhyNone(state, candidates);
            if (reason != job.WaitingReason) events.Add(new JobWaiting(reason, c.Now));
        }
        return events.Count == 0 ? JobDecision.Nothing : JobDecision.Accept([.. events]);
    }

    private static string NoNodeInTime(Job job) =>
        job.WaitingReason is { } why ? $"no eligible node within the deadline: {why}" : "no eligible node within the deadline";

    /// <summary>
    /// A result from an attempt the job holds: the job's one replica completes it; a replica of a replicated job is a vote,
    /// and the job completes once a quorum agree (paying those, rejecting the others) or fails once no quorum can be reached.
    /// A result from an attempt the job no longer holds is recorded once and never paid.
    /// </summary>
    private static JobDecision Report(RecordResult c, Job job)
    {
        if (job.Holding(c.NodeId, c.Attempt) is not { } held) return Late(c, job);
        // Never charge beyond the escrow: metered units are capped by the cost model's estimate.
        var units = Math.Clamp(c.Units, 1, job.EstimatedUnits);
        if (job.Probe is { } known) return Judge(c, job, held, known, units);
        if (job.Replication <= 1)
            return JobDecision.Accept(new JobCompleted(job.ClientAccountId, c.Attempt, c.NodeId, held.ProviderAccountId, c.ResultHash, c.ResultJson,
                units, held.PricePerUnit, units * held.PricePerUnit, c.Now, c.DeviceClass, Seconds: c.Seconds));

        var result = new ReplicaResult(c.Attempt, c.NodeId, held.ProviderAccountId, c.ResultHash, c.ResultJson, units, held.PricePerUnit, c.DeviceClass);
        var clusters = ResultAgreement.Clusters(job.Kernel, job.Results.Add(result));
        var reported = new JobReplicaReported(c.Attempt, c.NodeId, held.ProviderAccountId, c.ResultHash, c.ResultJson, units, held.PricePerUnit, c.DeviceClass,
            clusters[0].Count, c.Now, c.Seconds);
        var after = Job.Evolve(job, reported);
        if (clusters[0].Count >= after.Quorum) return Accept(after, clusters[0], reported, c.Now);
        if (Quorum.Reachable(after)) return JobDecision.Accept(reported);
        return Fail(after, [reported], Quorum.Missed(after, clusters), c.Now);
    }

    /// <summary>
    /// A probe's result against the answer known for its inputs: agreeing, it is paid and is the node's agreed vote (its one
    /// paid replica is listed, as for a verified job); disagreeing, it is rejected like an outvoted replica and the probe fails.
    /// </summary>
    private static JobDecision Judge(RecordResult c, Job job, Assignment held, KnownAnswer known, long units)
    {
        var answer = new ReplicaResult(0, Guid.Empty, Guid.Empty, known.ResultHash, known.ResultJson, units, 0, known.DeviceClass);
        var result = new ReplicaResult(c.Attempt, c.NodeId, held.ProviderAccountId, c.ResultHash, c.ResultJson, units, held.PricePerUnit, c.DeviceClass);
        if (!ResultAgreement.Agree(job.Kernel, answer, result))
        {
            var rejected = new JobResultRejected(c.Attempt, c.NodeId, held.ProviderAccountId, job.ClientAccountId, c.ResultHash, known.ResultHash,
                "its result differs from the one already agreed for these inputs", c.Now);
            return Fail(Job.Evolve(job, rejected), [rejected], "the result differed from the known answer", c.Now);
        }
        var paid = new ReplicaPayment(c.NodeId, held.ProviderAccountId, units, held.PricePerUnit, units * held.PricePerUnit);
        return JobDecision.Accept(new JobCompleted(job.ClientAccountId, c.Attempt, c.NodeId, held.ProviderAccountId, c.ResultHash, c.ResultJson,
            units, held.PricePerUnit, paid.Cost, c.Now, c.DeviceClass, [paid], c.Seconds));
    }

    private static JobDecision Accept(Job job, List<ReplicaResult> agreed, JobReplicaReported reported, DateTimeOffset now)
    {
        var accepted = agreed[0];
        var events = new List<IJobEvent> { reported };
        foreach (var wrong in job.Results.Where(r => !agreed.Contains(r)))
            events.Add(new JobResultRejected(wrong.Attempt, wrong.NodeId, wrong.ProviderAccountId, job.ClientAccountId, wrong.ResultHash, accepted.ResultHash,
                $"{agreed.Count} of {job.Results.Count} replicas agreed on another result", now));
        // A replica still running is not stopped: its result, recorded late and never paid, is still evidence (one that
        // disagrees with the accepted result is rejected all the same, so a liar cannot wait for the quorum to lie safely).
        var paid = agreed.Select(r => new ReplicaPayment(r.NodeId, r.ProviderAccountId, r.Units, r.PricePerUnit, r.Units * r.PricePerUnit)).ToList();
        events.Add(new JobCompleted(job.ClientAccountId, accepted.Attempt, accepted.NodeId, accepted.ProviderAccountId, accepted.ResultHash,
            accepted.ResultJson, accepted.Units, accepted.PricePerUnit, paid.Sum(p => p.Cost), now, accepted.DeviceClass, paid));
        return JobDecision.Accept([.. events]);
    }

    /// <summary>
    /// Recorded once, never paid. A late result of a job that completed is still evidence: one that disagrees with the
    /// accepted result is rejected like an outvoted replica (a liar gains nothing by reporting after the quorum).
    /// </summary>
    private static JobDecision Late(RecordResult c, Job job)
    {
        if (job.AttemptOf(c.Attempt) is not { } placed || placed.NodeId != c.NodeId || job.Reported.Contains(c.Attempt))
            return JobDecision.Nothing;   // a duplicate report, or one naming an attempt this node never held
        var late = new JobLateResultRecorded(c.Attempt, c.NodeId, c.ResultHash,
            job.IsTerminal ? $"the job had already {(job.Status == JobStatus.Completed ? "completed" : "ended")}" : "the attempt had been lost", c.Now);
        if (job.Accepted is not { } accepted || job.Replication <= 1) return JobDecision.Accept(late);
        var result = new ReplicaResult(c.Attempt, c.NodeId, placed.ProviderAccountId, c.ResultHash, c.ResultJson, c.Units, 0, c.DeviceClass);
        return ResultAgreement.Agree(job.Kernel, accepted, result)
            ? JobDecision.Accept(late)
            : JobDecision.Accept(late, new JobResultRejected(c.Attempt, c.NodeId, result.ProviderAccountId, job.ClientAccountId, c.ResultHash,
                accepted.ResultHash, "reported after the quorum a result that disagrees with the accepted one", c.Now));
    }

    private static JobDecision Timeouts(CheckTimeouts c, Job job)
    {
        if (job.IsTerminal) return JobDecision.Nothing;
        if (c.Now >= job.Deadline)
        {
            var reason = job.Status switch
            {
                JobStatus.Submitted => "funds were not confirmed before the deadline",
                JobStatus.Queued when job.InFlight.Count == 0 => NoNodeInTime(job),
                _ => "the deadline passed before a result was reported",
            };
            var lost = job.InFlight.Select(a => new JobAttemptLost(a.Attempt, a.NodeId, "deadline passed", c.Now, LossCause.DeadlinePassed)).ToList();
            return Fail(lost.Aggregate(job, (s, e) => Job.Evolve(s, e)), lost, reason, c.Now);
        }
        var expired = job.InFlight.Where(a => c.Now >= a.LeaseUntil).ToList();
        return expired.Count == 0 ? JobDecision.Nothing : Lose(job, expired, "lease expired without a result", LossCause.LeaseExpired, c.Now);
    }

    /// <summary>Attempts lost: the job goes back to the queue for them, or fails once it has lost as many as its terms allow.</summary>
    private static JobDecision Lose(Job job, IReadOnlyList<Assignment> attempts, string reason, LossCause cause, DateTimeOffset now)
    {
        var lost = attempts.Select(a => new JobAttemptLost(a.Attempt, a.NodeId, reason, now, cause)).ToList();
        var after = lost.Aggregate(job, (s, e) => Job.Evolve(s, e));
        if (after.Losses.Count >= job.Terms.MaxAttempts)
            return Fail(after, lost, $"gave up after {after.Losses.Count} attempts; {string.Join("; ", after.Losses)}", now);
        return JobDecision.Accept([.. lost]);
    }

    /// <summary>
    /// The job ends without a result: what happened first, then the failure. <paramref name="after"/> is the job once
    /// <paramref name="first"/> has happened; the attempts it still has in flight are withdrawn.
    /// </summary>
    private static JobDecision Fail(Job after, IEnumerable<IJobEvent> first, string reason, DateTimeOffset now) =>
        JobDecision.Accept([.. first, .. Withdraw(after, "the job failed", now), new JobFailed(after.ClientAccountId, reason, now)]);

    /// <summary>Every attempt the job has in flight, withdrawn because the job is ending without it.</summary>
    private static IEnumerable<IJobEvent> Withdraw(Job job, string reason, DateTimeOffset now) =>
        job.InFlight.Select(a => new JobAttemptWithdrawn(a.Attempt, a.NodeId, reason, now));

    private static DateTimeOffset LeaseEnd(DateTimeOffset now, TimeSpan lease, Job job) => now + lease < job.Deadline ? now + lease : job.Deadline;
}
