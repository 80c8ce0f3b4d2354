using System.Buffers.Binary;
using System.Data;
using System.Security.Cryptography;
using System.Text;
using Depin.EventSourcing.Log;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Depin.EventSourcing.Chain;

/// <summary>
/// A tamper-evident chain over one service's event log (Marten has none), kept beside the events in
/// {schema}.depin_event_chain: one link per event, in position order up to the daemon's high-water mark, so
/// only committed events are chained and never one out of order. Extending takes a transaction-scoped advisory
/// lock, so any number of instances may try at once and each link is written exactly once.
/// </summary>
public sealed class EventChain(string log, string schema)
{
    public const string TableName = "depin_event_chain";

    private readonly string _table = $"{schema}.{TableName}";
    private readonly long _lockKey = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{schema}.{TableName}")));

    public string Log => log;

    /// <summary>The chain's table, for Marten to create with the rest of the schema.</summary>
    public static ISchemaObject Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<long>("seq_id").AsPrimaryKey();
        table.AddColumn("hash", "bytea").NotNull();
        return table;
    }

    /// <summary>Links the next events (at most maxEvents) after the chain's head; returns how many it linked.</summary>
    public async Task<int> ExtendAsync(NpgsqlConnection connection, int maxEvents, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var locking = new NpgsqlCommand("select pg_advisory_xact_lock(@key)", connection, tx))
        {
            locking.Parameters.AddWithValue("key", _lockKey);
            await locking.ExecuteNonQueryAsync(ct);
        }
        var (headPosition, headHash) = await HeadAsync(connection, tx, ct);
        var ceiling = await RawEventLog.HighWaterMarkAsync(connection, schema, ct);
        if (ceiling <= headPosition) return 0;

        var events = new List<StoredEvent>();
        await foreach (var e in RawEventLog.ReadAsync(connection, schema, new EventFilter(After: headPosition, Limit: maxEvents), ceiling, ct))
            events.Add(e);
        if (events.Count == 0) return 0;

        await using (var copy = await connection.BeginBinaryImportAsync($"copy {_table} (seq_id, hash) from stdin (format binary)", ct))
        {
            var previous = headHash;
            foreach (var e in events)
            {
                previous = ChainLink.Of(previous, e);
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(e.Position, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(previous, NpgsqlDbType.Bytea, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return events.Count;
    }

    /// <summary>
    /// Recomputes every link from the stored events, in one snapshot, and names the first that no longer holds:
    /// an event edited, deleted, or inserted at a position already chained.
    /// </summary>
    public async Task<ChainReport> VerifyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var (headPosition, headHash) = await HeadAsync(connection, tx, ct);
        await using var command = new NpgsqlCommand($"""
            select coalesce(e.seq_id, c.seq_id), e.seq_id is not null, c.hash, {RawEventLog.Columns("e.")}
            from {schema}.mt_events e full join {_table} c on c.seq_id = e.seq_id
            where coalesce(e.seq_id, c.seq_id) <= @head
            order by 1
            """, connection, tx);
        command.Parameters.AddWithValue("head", headPosition);
        byte[] previous = ChainLink.Genesis.ToArray();
        long verified = 0;
        BrokenLink? broken = null;
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct))
        {
            while (broken is null && await reader.ReadAsync(ct))
            {
                var position = reader.GetInt64(0);
                var hasEvent = reader.GetBoolean(1);
                var stored = reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2);
                if (!hasEvent)
                {
                    broken = new BrokenLink(position, null, null, null, "the event is gone: the chain has a link for this position, the log has no event (deleted)");
                    break;
                }
                var e = RawEventLog.FromRow(reader, 3);
                if (stored is null)
                {
                    broken = new BrokenLink(position, e.Stream, e.Version, e.Type,
                        "the event is not in the chain: it appeared at a position after that position was chained (inserted)");
                    break;
                }
                var link = ChainLink.Of(previous, e);
                if (!link.AsSpan().SequenceEqual(stored))
                {
                    broken = new BrokenLink(position, e.Stream, e.Version, e.Type,
                        "the event's stored content no longer matches its link (edited, or its link was)");
                    break;
                }
                previous = link;
                verified++;
            }
        }
        await using var unchained = new NpgsqlCommand($"select count(*) from {schema}.mt_events where seq_id > @head", connection, tx);
        unchained.Parameters.AddWithValue("head", headPosition);
        var newer = (long)(await unchained.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
        return new ChainReport(log, verified, headPosition, Convert.ToHexStringLower(headHash), newer, broken);
    }

    private async Task<(long Position, byte[] Hash)> HeadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select seq_id, hash from {_table} order by seq_id desc limit 1", connection, tx);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : (0, ChainLink.Genesis.ToArray());
    }
}
