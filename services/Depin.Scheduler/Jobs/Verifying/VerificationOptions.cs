namespace Depin.Scheduler.Jobs.Verifying;

/// <summary>
/// Section "Scheduler:Verification": how results are verified. A job may ask for a replication (1 to MaxReplication);
/// one that asks for none runs alone on a trusted node, with a spot check at SpotCheckRate, and as NewNodeReplication
/// replicas otherwise. Defaults are the production policy.
/// </summary>
public sealed class VerificationOptions
{
    /// <summary>Replicas of a job that asked for none when its first node is new or was wrong recently (1: never verify).</summary>
    public int NewNodeReplication { get; set; } = 2;

    /// <summary>Verified results agreeing in a row after which a node runs jobs that asked for no replication alone.</summary>
    public int TrustedAfter { get; set; } = 20;

    /// <summary>The share of a trusted node's jobs replicated anyway, so that it never knows which of its results are checked.</summary>
    public double SpotCheckRate { get; set; } = 0.1;

    /// <summary>The most replicas a client may ask for.</summary>
    public int MaxReplication { get; set; } = 5;

    /// <summary>Replicas added beyond a job's replication when its results disagree, before it fails for want of a quorum.</summary>
    public int ExtraReplicas { get; set; } = 2;

    /// <summary>Attempts a job may lose (lease expired, node offline, handed back) before it fails and is refunded.</summary>
    public int MaxAttempts { get; set; } = 3;

    public JobTerms Terms => new(MaxAttempts, ExtraReplicas, NewNodeReplication);

    public TrustPolicy Trust(double draw) => new(TrustedAfter, SpotCheckRate, draw);

    public List<string> Problems()
    {
        var problems = new List<string>();
        if (NewNodeReplication < 1 || NewNodeReplication > MaxReplication) problems.Add("NewNodeReplication must be between 1 and MaxReplication");
        if (MaxReplication is < 1 or > 16) problems.Add("MaxReplication must be between 1 and 16");
        if (ExtraReplicas is < 0 or > 16) problems.Add("ExtraReplicas must be between 0 and 16");
        if (MaxAttempts is < 1 or > 100) problems.Add("MaxAttempts must be between 1 and 100");
        if (SpotCheckRate is < 0 or > 1) problems.Add("SpotCheckRate must be between 0 and 1");
        if (TrustedAfter < 0) problems.Add("TrustedAfter cannot be negative");
        return problems;
    }
}

/// <summary>Refuses to start with a policy that makes no sense, naming each setting.</summary>
public sealed class VerificationOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<SchedulerOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SchedulerOptions options) =>
        options.Verification.Problems() is { Count: > 0 } problems
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems.Select(p => "Scheduler:Verification:" + p))
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
