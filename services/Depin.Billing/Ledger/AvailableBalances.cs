using Depin.Billing.Accounts;
using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Depin.Billing.Ledger;

/// <summary>
/// An account's available money without summing its whole history, which a debit's balance check did under the
/// account's lock (68–94 ms at a million lines): a checkpoint per account plus a tail of the movements since.
/// <list type="bullet">
/// <item>Every ledger line on an available account (but the protocol's, which nothing debits) also inserts a tail row, in
/// the same transaction (<see cref="LedgerProjection"/>), so a snapshot sees a line and its row together or neither.</item>
/// <item>A debit folds under the account's lock (<see cref="FoldAsync"/>): one statement deletes the tail rows it sees
/// and adds them to the checkpoint. A credit committing meanwhile was not visible to it, so its row stays in the
/// tail for the next fold: credits still only insert and never wait.</item>
/// <item>A read is one statement, so one snapshot: a fold is seen whole or not at all.</item>
/// <item>An account never folded has no checkpoint: its balance is the sum of its lines, and its first fold seeds the
/// checkpoint from them (which also covers lines written before these tables existed).</item>
/// </list>
/// The ledger lines stay the record; these tables are derived from them (<c>ConsumerTests</c> and the integration runs
/// compare the two).
/// </summary>
public static class AvailableBalances
{
    public const string TailTable = "depin_balance_tail", CheckpointTable = "depin_balance_checkpoint";

    /// <summary>The two tables, for Marten to create with the rest of billing's schema.</summary>
    public static IEnumerable<ISchemaObject> Tables(string schema)
    {
        var tail = new Table(new PostgresqlObjectName(schema, TailTable, SchemaUtils.IdentifierUsage.General));
        tail.AddColumn<string>("account").NotNull();
        tail.AddColumn<long>("amount").NotNull();
        tail.Indexes.Add(new IndexDefinition($"ix_{TailTable}_account") { Columns = ["account"], IncludeColumns = ["amount"] });
        var checkpoint = new Table(new PostgresqlObjectName(schema, CheckpointTable, SchemaUtils.IdentifierUsage.General));
        checkpoint.AddColumn<string>("account").AsPrimaryKey();
        checkpoint.AddColumn<long>("balance").NotNull();
        return [tail, checkpoint];
    }

    /// <summary>Whether the account's lines also go to the tail: available accounts that may be debited.</summary>
    public static bool Tracks(string account) => Guid.TryParse(account, out var id) && id != AccountDecider.ProtocolAccountId;

    /// <summary>The tail row of a line, queued in the session that stores the line.</summary>
    public static void Track(IDocumentOperations operations, string account, long amount) =>
        operations.QueueSqlCommand($"insert into {Schema(operations)}.{TailTable} (account, amount) values (?, ?)", account, amount);

    /// <summary>
    /// Folds the account's tail into its checkpoint and returns its available money. The caller holds the account's lock
    /// (<see cref="AccountLock"/>, or a batch's account locks), so no other fold of it runs at once.
    /// </summary>
    public static async Task<long> FoldAsync(IDocumentSession session, string account, CancellationToken ct)
    {
        var schema = Schema(session);
        return (await session.AdvancedSql.QueryAsync<long>($"""
            with folded as (delete from {schema}.{TailTable} where account = ? returning amount),
                 prior as (select balance from {schema}.{CheckpointTable} where account = ?)
            insert into {schema}.{CheckpointTable} (account, balance)
            select ?, case when exists (select 1 from prior)
                           then (select balance from prior) + (select coalesce(sum(amount), 0) from folded)
                           else (select coalesce(sum(amount), 0) from {LedgerReader.Table(session)} where account = ?) end::bigint
            on conflict (account) do update set balance = excluded.balance
            returning balance
            """, ct, account, account, account, account)).Single();
    }

    /// <summary>The account's available money: its checkpoint and tail, or the sum of its lines if it has no checkpoint.</summary>
    public static async Task<long> ReadAsync(IQuerySession session, string account, CancellationToken ct)
    {
        var schema = Schema(session);
        return (await session.AdvancedSql.QueryAsync<long>($"""
            select coalesce((select balance from {schema}.{CheckpointTable} where account = ?)
                                + (select coalesce(sum(amount), 0) from {schema}.{TailTable} where account = ?),
                            (select coalesce(sum(amount), 0) from {LedgerReader.Table(session)} where account = ?))::bigint
            """, ct, account, account, account)).Single();
    }

    private static string Schema(IQuerySession session) => session.DocumentStore.Options.DatabaseSchemaName;
}
