namespace Depin.Scheduler.Jobs.Verifying;

/// <summary>Whether a replicated job can still reach its quorum, and in words why not.</summary>
public static class Quorum
{
    /// <summary>
    /// The largest group of agreeing results, plus every replica still running or still allowed (together, the replicas
    /// the job may use that have not reported), can reach the quorum.
    /// </summary>
    public static bool Reachable(Job job) => job.LeadingVotes + job.MaxReplicas - job.Results.Count >= job.Quorum;

    public static string Missed(Job job, List<List<ReplicaResult>> clusters) =>
        $"no quorum: {job.Results.Count} replicas reported {clusters.Count} different results (at most {clusters[0].Count} agreed; " +
        $"{job.Quorum} needed) and no more replicas are allowed";
}
