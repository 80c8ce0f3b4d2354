using Depin.Billing.Accounts;
using Depin.Billing.Holds;
using Depin.Billing.Stakes;

namespace Depin.Billing.Ledger;

/// <summary>One event's entry: its kind, the job and the verdict it concerns, and lines that sum to zero.</summary>
public sealed record LedgerEntry(string Kind, Guid? JobId, (string Account, long Amount)[] Lines, Guid? VerdictId = null);

/// <summary>The lines of each money-moving event's entry; every set sums to zero.</summary>
public static class LedgerEntries
{
    private static readonly LedgerEntry None = new("none", null, []);

    public static LedgerEntry Of(object @event) => @event switch
    {
        FundsDeposited e => new("deposit", null, [(LedgerAccounts.External, -e.Amount), (LedgerAccounts.Available(e.AccountId), e.Amount)]),
        HoldPlaced e => new("hold", e.JobId, [(LedgerAccounts.Available(e.ClientAccountId), -e.Amount), (LedgerAccounts.Escrow(e.ClientAccountId), e.Amount)]),
        HoldSettled e => new("settlement", e.JobId,
        [
            (LedgerAccounts.Escrow(e.ClientAccountId), -e.Held), (LedgerAccounts.Available(e.ClientAccountId), e.Released),
            .. e.Shares().Select(p => (LedgerAccounts.Available(p.ProviderAccountId), p.Amount)),
            (LedgerAccounts.Available(AccountDecider.ProtocolAccountId), e.Fee),
        ]),
        HoldReleased e => new("release", e.JobId, [(LedgerAccounts.Escrow(e.ClientAccountId), -e.Amount), (LedgerAccounts.Available(e.ClientAccountId), e.Amount)]),
        StakeBonded e => new("stake", null, [(LedgerAccounts.Available(e.ProviderAccountId), -e.Amount), (LedgerAccounts.Staked(e.ProviderAccountId), e.Amount)]),
        StakeReleased e => new("stake-release", null,
            [(LedgerAccounts.Staked(e.ProviderAccountId), -e.Amount), (LedgerAccounts.Available(e.ProviderAccountId), e.Amount)]),
        StakeSlashed e => new("slash", e.JobId,
        [
            (LedgerAccounts.Staked(e.ProviderAccountId), -e.Amount),
            .. e.ClientAccountId is { } client ? [(LedgerAccounts.Available(client), e.ToClient)] : Array.Empty<(string, long)>(),
            (LedgerAccounts.Available(AccountDecider.ProtocolAccountId), e.ToTreasury),
        ], e.VerdictId),
        _ => None,   // a rejected hold, a stake opened, short or unbonding (still staked) moves nothing
    };
}
