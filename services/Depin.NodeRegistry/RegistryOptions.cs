namespace Depin.NodeRegistry;

/// <summary>Section "Registry".</summary>
public sealed class RegistryOptions
{
    /// <summary>A node not heard from for this long is offline.</summary>
    public int HeartbeatTimeoutSeconds { get; set; } = 10;

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
