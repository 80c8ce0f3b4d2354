using Depin.Billing.Ledger;
using Depin.EventSourcing.Streams;
using Marten;

namespace Depin.Billing.Accounts;

/// <summary>
/// The one check a debit needs: take the account stream's row lock (held until the transaction commits), then read the
/// account's available money (folding what moved since its last debit, see AvailableBalances). Debits of one account
/// (holds, stakes) queue behind each other instead of racing.
/// </summary>
public static class AccountLock
{
    public static async Task<long> LockAndReadAvailableAsync(IDocumentSession session, Guid accountId, CancellationToken ct)
    {
        await session.Events.FetchForExclusiveWriting<Folded<Account>>(AccountDecider.StreamId(accountId), ct);
        return await AvailableBalances.FoldAsync(session, LedgerAccounts.Available(accountId), ct);
    }
}
