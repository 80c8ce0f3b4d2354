namespace Depin.ServiceDefaults.Storage;

/// <summary>Section "EventStore": how this instance runs Marten's async daemon.</summary>
public sealed class EventStoreOptions
{
    /// <summary>
    /// Run the daemon (the outbox relay and async projections) in this instance. The daemon runs Solo, so
    /// exactly one instance per service must have this on (HotCold needs a lock package the registry lacks).
    /// </summary>
    public bool RunDaemon { get; set; } = true;

    /// <summary>
    /// Publish a commit's integration messages as soon as it returns (see PublishOnCommit), leaving the relay only what
    /// the broker did not confirm. Off: every message waits for the relay, which then wakes on each commit.
    /// </summary>
    public bool PublishOnCommit { get; set; } = true;

    /// <summary>
    /// How often the daemon looks for new events while they keep coming. Only what was not published on commit waits
    /// on it (another instance's events, a publish that failed, all of them with PublishOnCommit off); its own commits
    /// wake it at once when PublishOnCommit is off. Each look is a high-water check, and a page read and progress
    /// write when it finds events, so looking often costs the database more than it saves anyone.
    /// </summary>
    public int PollingMilliseconds { get; set; } = 100;

    /// <summary>
    /// How often it looks once a poll found nothing new: an idle service costs the database a few queries a
    /// second, and an event left to the relay after a quiet spell waits at most this long.
    /// </summary>
    public int IdlePollingMilliseconds { get; set; } = 500;

    /// <summary>
    /// Wake the daemon with LISTEN/NOTIFY on every append. Off by default: Marten's channel is one per database,
    /// so with the services sharing one every append woke all four daemons (measured: ~4× the daemon queries of
    /// 10 ms polling at 50 jobs/s, and slower hops).
    /// </summary>
    public bool ListenNotify { get; set; }

    /// <summary>Events per page the relay publishes at once.</summary>
    public int RelayBatchSize { get; set; } = 500;

    /// <summary>How often the hash chain is extended to the newest committed events (see EventChainWriter).</summary>
    public int ChainIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Events linked per chain transaction at most (a backlog is worked off in rounds of this many).</summary>
    public int ChainBatchSize { get; set; } = 5000;

    /// <summary>How often the analytics daemon looks for new events (it never wakes on a commit; see AddAnalyticsProjections).</summary>
    public int AnalyticsPollingMilliseconds { get; set; } = 500;
}
