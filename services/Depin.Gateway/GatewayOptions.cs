namespace Depin.Gateway;

/// <summary>Section "Gateway".</summary>
public sealed class GatewayOptions
{
    /// <summary>The first operator's API key (its hash is stored; the key itself never is).</summary>
    public string? OperatorKey { get; set; }

    /// <summary>The network's probe account, opened at start if it does not exist (the scheduler's Probes:AccountId).</summary>
    public Guid? ProbeAccountId { get; set; }

    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Per API key (or per client address before authentication).</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>How long a known key is trusted without asking the store again: the longest a revoked key keeps working.</summary>
    public int KeyCacheSeconds { get; set; } = 5;
}
