namespace Depin.Scheduler.Jobs;

/// <summary>
/// The verification policy a job was submitted under, kept in its stream so a replay decides as the scheduler did then:
/// lost attempts before it gives up, replicas added when results disagree, and the replication a job that asked for
/// none gets when its first node is not trusted.
/// </summary>
public sealed record JobTerms(int MaxAttempts, int ExtraReplicas, int AutoReplication)
{
    /// <summary>Jobs stored before the policy existed: three attempts, one replica.</summary>
    public static readonly JobTerms Legacy = new(3, 0, 1);

    public static JobTerms Of(JobSubmitted e) => new(e.MaxAttempts ?? Legacy.MaxAttempts, e.ExtraReplicas ?? Legacy.ExtraReplicas,
        e.AutoReplication ?? Legacy.AutoReplication);
}
