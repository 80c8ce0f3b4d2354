namespace Depin.Scheduler.Jobs.Verifying;

/// <summary>
/// The replication of a job that asked for none, chosen when it is first placed: alone on a node whose recent verified
/// results all agreed (unless drawn for a spot check); otherwise the policy's replication, so that new and recently wrong
/// nodes are always checked against another provider's.
/// </summary>
public static class AdaptiveReplication
{
    /// <summary>Only for a policy that replicates (AutoReplication above 1): a policy of one replica has nothing to choose.</summary>
    public static JobReplicationChosen Choose(Job job, NodeCandidate first, TrustPolicy? trust, DateTimeOffset now)
    {
        var replicated = job.Terms.AutoReplication;
        if (trust is null) return new JobReplicationChosen(replicated, "no trust policy was given: every job is replicated", now);
        if (first.AgreementStreak < trust.TrustedAfter)
            return new JobReplicationChosen(replicated,
                $"node {first.NodeId} is not yet trusted ({first.AgreementStreak} of {trust.TrustedAfter} verified results agreeing in a row)", now);
        return trust.Draw < trust.SpotCheckRate
            ? new JobReplicationChosen(replicated, $"spot check of trusted node {first.NodeId}", now)
            : new JobReplicationChosen(1, $"node {first.NodeId} is trusted ({first.AgreementStreak} verified results agreeing in a row)", now);
    }
}
