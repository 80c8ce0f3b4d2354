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
    /// How often the daemon looks for new events. Every hop of a job waits on it (measured with the default
    /// polling: p50 ~0.5 s per hop; at 10 ms: p50 11 ms), and LISTEN/NOTIFY wakes it sooner still.
    /// </summary>
    public int PollingMilliseconds { get; set; } = 10;

    /// <summary>Events per page the relay publishes at once.</summary>
    public int RelayBatchSize { get; set; } = 500;
}
