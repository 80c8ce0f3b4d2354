namespace Depin.NodeRegistry;

/// <summary>Section "Registry".</summary>
public sealed class RegistryOptions
{
    /// <summary>A node not heard from for this long is offline.</summary>
    public int HeartbeatTimeoutSeconds { get; set; } = 10;

    public int SweepIntervalMilliseconds { get; set; } = 1000;

    /// <summary>A node whose reputation (see Nodes/Reputation.cs) falls under this is suspended: it gets no more work.</summary>
    public double SuspendBelowReputation { get; set; } = 0.2;
}
