namespace Depin.NodeRegistry;

/// <summary>Section "Registry".</summary>
public sealed class RegistryOptions
{
    /// <summary>
    /// A node not heard from for this long is offline: four missed beats at the executors' default of 2 s, so a node killed
    /// just after a beat is offline within 9 s (this plus at most one sweep interval).
    /// </summary>
    public int HeartbeatTimeoutSeconds { get; set; } = 8;

    public int SweepIntervalMilliseconds { get; set; } = 1000;

    /// <summary>A node whose reputation (see Nodes/Reputation.cs) falls under this is suspended: it gets no more work.</summary>
    public double SuspendBelowReputation { get; set; } = 0.2;

    /// <summary>
    /// The bonded stake (micro-credits, as billing reports it) a node needs to get work; 0 (the default) asks none. A node
    /// registers with at least this stake, is suspended until billing has bonded it, and again whenever slashing or unbonding
    /// takes it under; topping it up lifts that suspension.
    /// </summary>
    public long MinimumStake { get; set; }
}
