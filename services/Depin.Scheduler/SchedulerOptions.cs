namespace Depin.Scheduler;

/// <summary>Section "Scheduler".</summary>
public sealed class SchedulerOptions
{
    /// <summary>How long a node holds an attempt without a sign of life (start, progress) before it is lost.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often queued jobs are placed and leases and deadlines checked.</summary>
    public int SweepIntervalMilliseconds { get; set; } = 500;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
