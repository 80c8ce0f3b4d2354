namespace Depin.Scheduler.Jobs;

/// <summary>
/// How long a node holds an attempt without a word: <see cref="Base"/> for a sign of life (the message's way there, the
/// first report), plus <see cref="Slack"/> times the run the job should take on that node (its estimated units over the
/// node's measured units per second on the device class), at most <see cref="Max"/>. A start or progress report renews
/// it for the part still to run. A node whose speed is not known yet gets the base alone, renewed by its reports.
/// </summary>
public sealed record LeaseTerms(TimeSpan Base, double Slack, TimeSpan Max)
{
    /// <summary>A lease of one length whatever the job (no run-time term).</summary>
    public static implicit operator LeaseTerms(TimeSpan fixedLease) => new(fixedLease, 0, fixedLease);

    /// <summary>Expected seconds of a run of these units at this speed; null when the speed is not known.</summary>
    public static double? ExpectedSeconds(long units, double? unitsPerSecond) =>
        unitsPerSecond is > 0 and var speed ? units / speed : null;

    /// <summary>The lease for the part of the run still to go (1: all of it).</summary>
    public TimeSpan For(double? expectedSeconds, double remaining = 1)
    {
        var run = Slack * (expectedSeconds ?? 0) * Math.Clamp(remaining, 0, 1);
        // Capped in seconds before it becomes a TimeSpan: a slow node's run can be too long for one.
        return Base + TimeSpan.FromSeconds(Math.Min(run, Math.Max(0, (Max - Base).TotalSeconds)));
    }
}
