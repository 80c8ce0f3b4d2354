using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Probing;
using Depin.Scheduler.Jobs.Verifying;

namespace Depin.Scheduler;

/// <summary>Section "Scheduler".</summary>
public sealed class SchedulerOptions
{
    /// <summary>
    /// How long a node holds an attempt without a sign of life (start, progress) before it is lost, plus, once the node's
    /// speed is measured, <see cref="LeaseSlack"/> times the run the job should take on it (see <see cref="LeaseTerms"/>).
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How many times the expected run a lease allows for on top of <see cref="LeaseSeconds"/>.</summary>
    public double LeaseSlack { get; set; } = 3;

    /// <summary>The longest lease, however big the job or slow the node (a report renews it).</summary>
    public int MaxLeaseSeconds { get; set; } = 3_600;

    /// <summary>How often queued jobs are placed and leases and deadlines checked (it also runs at once when woken).</summary>
    public int SweepIntervalMilliseconds { get; set; } = 500;

    /// <summary>How many jobs the sweeper decides in one transaction (placements oldest first, or timeouts).</summary>
    public int PlacementBatchSize { get; set; } = 100;

    /// <summary>Submissions stored in one transaction at most (see Jobs/Submitting/Submissions.cs).</summary>
    public int SubmitBatchSize { get; set; } = 100;

    /// <summary>Transactions of submissions under way at once: a submission waits only while all of them are busy.</summary>
    public int SubmitBatchWorkers { get; set; } = 2;

    /// <summary>Billing's own address (not the gateway's): a job's money is asked of billing, on the caller's behalf, when the job is shown.</summary>
    public string BillingUrl { get; set; } = "";

    /// <summary>How long a job may have ended with its hold still held by billing before it is shown as an anomaly.</summary>
    public int PaymentGraceSeconds { get; set; } = 30;

    public VerificationOptions Verification { get; set; } = new();

    public ProbeOptions Probes { get; set; } = new();

    public LeaseTerms Lease => new(TimeSpan.FromSeconds(LeaseSeconds), LeaseSlack, TimeSpan.FromSeconds(Math.Max(MaxLeaseSeconds, LeaseSeconds)));
}
