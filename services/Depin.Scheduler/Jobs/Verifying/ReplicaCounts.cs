namespace Depin.Scheduler.Jobs.Verifying;

/// <summary>
/// The arithmetic of replication, shared by the job's state and its read model so both say the same status: how many
/// agreeing results make a quorum, how many replicas a job may use, and how many more attempts to place now.
/// </summary>
public static class ReplicaCounts
{
    /// <summary>A majority of the replication: 1 of 1, 2 of 2, 2 of 3, 3 of 5 (0, not yet chosen, counts as 1).</summary>
    public static int Quorum(int replication) => Math.Max(replication, 1) / 2 + 1;

    /// <summary>The replication, and up to <paramref name="extra"/> more when results disagree (none for a job that runs alone).</summary>
    public static int Max(int replication, int extra) => replication <= 1 ? 1 : replication + extra;

    /// <summary>
    /// Attempts to place now: enough for every replica asked for to report, and for the leading result to reach a quorum,
    /// less those running, within the replicas allowed.
    /// </summary>
    public static int ToPlace(int replication, int extra, int results, int leadingVotes, int inFlight)
    {
        var wanted = Math.Max(Math.Max(replication, 1) - results, Quorum(replication) - leadingVotes);
        return Math.Clamp(wanted - inFlight, 0, Math.Max(Max(replication, extra) - results - inFlight, 0));
    }

    /// <summary>A funded job that has not ended: queued while it needs another node, else assigned, or running once a replica started.</summary>
    public static JobStatus Status(JobStatus current, int toPlace, int inFlight, bool anyStarted) =>
        current is JobStatus.None or JobStatus.Submitted or JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled ? current
        : toPlace > 0 || inFlight == 0 ? JobStatus.Queued
        : anyStarted ? JobStatus.Running
        : JobStatus.Assigned;
}
