using Depin.Billing.Accounts;
using Depin.Billing.Holds;

namespace Depin.Billing.Ledger;

/// <summary>The lines of each money-moving event's entry; every set sums to zero.</summary>
public static class LedgerEntries
{
    public static (string Kind, Guid? JobId, (string Account, long Amount)[] Lines) Of(object @event) => @event switch
    {
        FundsDeposited e => ("deposit", null, [(LedgerAccounts.External, -e.Amount), (LedgerAccounts.Available(e.AccountId), e.Amount)]),
        HoldPlaced e => ("hold", e.JobId, [(LedgerAccounts.Available(e.ClientAccountId), -e.Amount), (LedgerAccounts.Escrow(e.ClientAccountId), e.Amount)]),
        HoldSettled e => ("settlement", e.JobId,
        [
            (LedgerAccounts.Escrow(e.ClientAccountId), -e.Held), (LedgerAccounts.Available(e.ClientAccountId), e.Released),
            .. e.Shares().Select(p => (LedgerAccounts.Available(p.ProviderAccountId), p.Amount)),
            (LedgerAccounts.Available(AccountDecider.ProtocolAccountId), e.Fee),
        ]),
        HoldReleased e => ("release", e.JobId, [(LedgerAccounts.Escrow(e.ClientAccountId), -e.Amount), (LedgerAccounts.Available(e.ClientAccountId), e.Amount)]),
        _ => ("none", null, []),   // a rejected hold moves nothing
    };
}
