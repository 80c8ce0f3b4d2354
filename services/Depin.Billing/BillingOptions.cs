namespace Depin.Billing;

/// <summary>Section "Billing".</summary>
public sealed class BillingOptions
{
    /// <summary>The protocol's share of each job's charge, in basis points (500 = 5%), rounded down.</summary>
    public int ProtocolFeeBasisPoints { get; set; } = 500;

    /// <summary>How long unbonding stake stays slashable before it goes back to the provider (7 days).</summary>
    public int StakeCoolingOffSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>How often the releaser looks for unbonding stake whose cooling-off has ended.</summary>
    public int StakeReleaseSweepSeconds { get; set; } = 5;

    /// <summary>A wrong-result verdict takes this share of the node's slashable stake, in basis points (1000 = 10%), rounded down.</summary>
    public int SlashBasisPoints { get; set; } = 1_000;

    /// <summary>Of what a verdict slashes, the harmed client's share in basis points (5000 = half); the treasury gets the rest.</summary>
    public int SlashToClientBasisPoints { get; set; } = 5_000;
}
