namespace Depin.Billing.Ledger;

/// <summary>
/// Ledger account names: an account's spendable money is its id; what it has in escrow is "escrow:&lt;id&gt;"; what it has staked
/// on its nodes (bonded or unbonding) is "stake:&lt;id&gt;".
/// </summary>
public static class LedgerAccounts
{
    public const string External = "external";
    public static string Available(Guid accountId) => accountId.ToString();
    public static string Escrow(Guid accountId) => "escrow:" + accountId;
    public static string Staked(Guid accountId) => "stake:" + accountId;
}
