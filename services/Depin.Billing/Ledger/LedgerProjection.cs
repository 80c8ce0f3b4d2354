using Depin.Billing.Accounts;
using Depin.EventStore.Streams;
using Npgsql;

namespace Depin.Billing.Ledger;

/// <summary>Writes the balanced ledger entry of each money-moving event, in the same transaction as the event.</summary>
public sealed class LedgerProjection : IInlineProjection
{
    public const string Escrow = "escrow";
    public const string External = "external";

    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var recorded in events)
        {
            if (recorded.Data is AccountOpened opened)
            {
                await using var known = new NpgsqlCommand(
                    "insert into known_accounts (account_id, name, role) values ($1, $2, $3) on conflict do nothing", connection);
                known.Parameters.Add(new() { Value = opened.AccountId });
                known.Parameters.Add(new() { Value = opened.Name });
                known.Parameters.Add(new() { Value = opened.Role });
                await known.ExecuteNonQueryAsync(ct);
                continue;
            }
            var account = AccountDecider.IdOf(recorded.StreamId).ToString();
            var (kind, jobId, lines) = Entry(recorded.Data, account);
            var line = 0;
            foreach (var (ledgerAccount, amount) in lines.Where(l => l.Amount != 0))
            {
                await using var insert = new NpgsqlCommand(
                    "insert into ledger (entry_id, line, account, amount, kind, job_id, at) values ($1, $2, $3, $4, $5, $6, $7)", connection);
                insert.Parameters.Add(new() { Value = recorded.EventId });
                insert.Parameters.Add(new() { Value = line++ });
                insert.Parameters.Add(new() { Value = ledgerAccount });
                insert.Parameters.Add(new() { Value = amount });
                insert.Parameters.Add(new() { Value = kind });
                insert.Parameters.Add(new() { Value = (object?)jobId ?? DBNull.Value });
                insert.Parameters.Add(new() { Value = recorded.Timestamp });
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>The lines of each event's entry; every set sums to zero.</summary>
    internal static (string Kind, Guid? JobId, (string Account, long Amount)[] Lines) Entry(object @event, string account) => @event switch
    {
        FundsDeposited e => ("deposit", null, [(External, -e.Amount), (account, e.Amount)]),
        HoldPlaced e => ("hold", e.JobId, [(account, -e.Amount), (Escrow, e.Amount)]),
        HoldSettled e => ("settlement", e.JobId,
        [
            (Escrow, -e.Held), (account, e.Released), (e.ProviderAccountId.ToString(), e.ProviderAmount),
            (AccountDecider.ProtocolAccountId.ToString(), e.Fee),
        ]),
        HoldReleased e => ("release", e.JobId, [(Escrow, -e.Amount), (account, e.Amount)]),
        _ => ("none", null, []),   // rejections, and the counterparties' side of a settlement (their lines are in HoldSettled)
    };
}
