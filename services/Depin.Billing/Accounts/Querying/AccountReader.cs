using Npgsql;

namespace Depin.Billing.Accounts.Querying;

public sealed record LedgerLine(Guid EntryId, int Line, string Account, long Amount, string Kind, Guid? JobId, DateTimeOffset At);

public sealed record TrialBalance(long Entries, long Total, long UnbalancedEntries, IReadOnlyDictionary<string, long> Balances);

public sealed class AccountReader(NpgsqlDataSource dataSource)
{
    public async Task<bool> IsKnownAsync(Guid accountId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select 1 from known_accounts where account_id = $1");
        command.Parameters.Add(new() { Value = accountId });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public async Task<IReadOnlyList<LedgerLine>> LedgerAsync(string account, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "select entry_id, line, account, amount, kind, job_id, at from ledger where account = $1 order by at desc, entry_id, line limit $2");
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = limit });
        var lines = new List<LedgerLine>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            lines.Add(new LedgerLine(r.GetGuid(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetGuid(5), r.GetFieldValue<DateTimeOffset>(6)));
        return lines;
    }

    /// <summary>Every entry must sum to zero, and so must the whole ledger.</summary>
    public async Task<TrialBalance> TrialBalanceAsync(CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new("""
            select count(*), coalesce(sum(total), 0)::bigint, count(*) filter (where total <> 0)
            from (select entry_id, sum(amount) as total from ledger group by entry_id) e
            """));
        batch.BatchCommands.Add(new("select account, sum(amount)::bigint from ledger group by account order by account"));
        await using var r = await batch.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var (entries, total, unbalanced) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
        await r.NextResultAsync(ct);
        var balances = new Dictionary<string, long>();
        while (await r.ReadAsync(ct)) balances[r.GetString(0)] = r.GetInt64(1);
        return new TrialBalance(entries, total, unbalanced, balances);
    }
}
