using Marten;

namespace Depin.Billing.Ledger;

/// <summary>Available to spend, held in escrow for jobs, staked on nodes (bonded or unbonding): all of it the account's.</summary>
public sealed record Balance(Guid AccountId, long Available, long Held, long Staked)
{
    public long Total => Available + Held + Staked;
}

public sealed record TrialBalance(long Entries, long Total, long UnbalancedEntries, IReadOnlyDictionary<string, long> Balances);

public sealed record BalanceThen(long Available, long Held, long Movements, long AllMovements);

public sealed record OpenHold(Guid JobId, string Account, long Amount);

/// <summary>Every read of billing's ledger; the only place billing writes SQL.</summary>
public static class LedgerReader
{
    /// <summary>The ledger table in the store's own schema (billing's, or a test's).</summary>
    internal static string Table(IQuerySession session) => session.DocumentStore.Options.DatabaseSchemaName + ".mt_doc_ledgerline";

    public static async Task<long> SumAsync(IQuerySession session, string account, CancellationToken ct) =>
        (await session.AdvancedSql.QueryAsync<long>(
            $"select coalesce(sum(amount), 0)::bigint from {Table(session)} where account = ?", ct, account)).Single();

    public static async Task<Balance> BalanceAsync(IQuerySession session, Guid accountId, CancellationToken ct) =>
        new(accountId, await AvailableBalances.ReadAsync(session, LedgerAccounts.Available(accountId), ct), await SumAsync(session, LedgerAccounts.Escrow(accountId), ct),
            await SumAsync(session, LedgerAccounts.Staked(accountId), ct));

    public static Task<IReadOnlyList<LedgerLine>> LinesAsync(IQuerySession session, Guid accountId, int limit, CancellationToken ct)
    {
        var (available, escrow) = (LedgerAccounts.Available(accountId), LedgerAccounts.Escrow(accountId));
        return session.Query<LedgerLine>().Where(l => l.Account == available || l.Account == escrow)
            .OrderByDescending(l => l.At).ThenBy(l => l.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>
    /// Time travel for an account: its balance after its first N movements (version N: the entries that touched
    /// its available or escrow money, in the order the ledger recorded them) or after every movement recorded at
    /// or before a time. Each line carries its entry's time, so this is the balance as the ledger had it then.
    /// </summary>
    public static async Task<BalanceThen> BalanceThenAsync(IQuerySession session, Guid accountId, long? version, DateTimeOffset? at, CancellationToken ct)
    {
        string[] accounts = [LedgerAccounts.Available(accountId), LedgerAccounts.Escrow(accountId)];
        var chosen = version is null ? "select entry_id from moves where at <= ?" : "select entry_id from moves order by at, entry_id limit ?";
        object point = version is { } v ? v : at!.Value.ToUniversalTime();
        return (await session.AdvancedSql.QueryAsync<BalanceThen>($$"""
            with moves as (select entry_id, min((data->>'at')::timestamptz) as at from {{Table(session)}} where account = any(?) group by entry_id),
                 chosen as ({{chosen}})
            select jsonb_build_object(
                'available', coalesce(sum(amount) filter (where account = ?), 0),
                'held', coalesce(sum(amount) filter (where account = ?), 0),
                'movements', (select count(*) from chosen), 'allMovements', (select count(*) from moves))
            from {{Table(session)}} where account = any(?) and entry_id in (select entry_id from chosen)
            """, ct, accounts, point, accounts[0], accounts[1], accounts)).Single();
    }

    /// <summary>Every entry must sum to zero, and so must the whole ledger.</summary>
    public static async Task<TrialBalance> TrialBalanceAsync(IQuerySession session, CancellationToken ct)
    {
        var totals = (await session.AdvancedSql.QueryAsync<EntryTotals>($"""
            select jsonb_build_object('entries', count(*), 'total', coalesce(sum(total), 0), 'unbalanced', count(*) filter (where total <> 0))
            from (select entry_id, sum(amount) as total from {Table(session)} group by entry_id) e
            """, ct)).Single();
        var balances = await session.AdvancedSql.QueryAsync<AccountSum>(
            $"select jsonb_build_object('account', account, 'amount', sum(amount)) from {Table(session)} group by account order by account", ct);
        return new TrialBalance(totals.Entries, totals.Total, totals.Unbalanced, balances.ToDictionary(b => b.Account, b => b.Amount));
    }

    /// <summary>Escrow still held per job: each is a hold whose job has not yet settled or been released.</summary>
    public static async Task<IReadOnlyList<OpenHold>> OpenHoldsAsync(IQuerySession session, CancellationToken ct) =>
        await session.AdvancedSql.QueryAsync<OpenHold>($"""
            select jsonb_build_object('jobId', job_id, 'account', account, 'amount', sum(amount)) from {Table(session)}
            where account like 'escrow:%' group by job_id, account having sum(amount) <> 0
            """, ct);

    private sealed record EntryTotals(long Entries, long Total, long Unbalanced);

    private sealed record AccountSum(string Account, long Amount);
}
