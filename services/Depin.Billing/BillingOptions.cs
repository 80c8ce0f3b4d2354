namespace Depin.Billing;

/// <summary>Section "Billing".</summary>
public sealed class BillingOptions
{
    /// <summary>The protocol's share of each job's charge, in basis points (500 = 5%), rounded down.</summary>
    public int ProtocolFeeBasisPoints { get; set; } = 500;
}
