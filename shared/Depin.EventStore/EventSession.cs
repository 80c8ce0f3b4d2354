using Depin.EventStore.Streams;
using Npgsql;

namespace Depin.EventStore;

/// <summary>
/// A unit of work: appends to one or more streams, the inbox marks of the message being handled,
/// and the inline projections all commit in one transaction, or none of them do.
/// </summary>
public sealed class EventSession(EventStore store, Guid? correlationId, Guid? causationId) : IAsyncDisposable
{
    private readonly List<(string StreamId, ExpectedVersion Expected, IReadOnlyList<object> Events)> _appends = [];
    private readonly List<(string Consumer, Guid MessageId)> _processed = [];
    private readonly List<(string Sql, object?[] Args)> _sql = [];

    public EventStore Store => store;
    public Guid? CorrelationId => correlationId;
    public bool HasChanges => _appends.Count > 0 || _processed.Count > 0 || _sql.Count > 0;

    public void Append(string streamId, ExpectedVersion expected, IEnumerable<object> events)
    {
        var list = events.ToList();
        if (list.Count == 0) return;
        if (_appends.Any(a => a.StreamId == streamId))
            throw new InvalidOperationException($"Stream '{streamId}' is appended to twice in one session.");
        _appends.Add((streamId, expected, list));
    }

    /// <summary>Records that a consumer handled a message, in the same transaction as its appends.</summary>
    public void MarkProcessed(string consumer, Guid messageId) => _processed.Add((consumer, messageId));

    /// <summary>Stages a statement ($1, $2… are the args) to run in the same transaction, for read models fed by messages rather than events.</summary>
    public void QueueSql(string sql, params object?[] args) => _sql.Add((sql, args));

    public async Task<bool> HasProcessedAsync(string consumer, Guid messageId, CancellationToken ct = default)
    {
        await using var command = store.DataSource.CreateCommand("select 1 from inbox where consumer = $1 and message_id = $2");
        command.Parameters.Add(new() { Value = consumer });
        command.Parameters.Add(new() { Value = messageId });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Commits everything; throws <see cref="ConcurrencyException"/> or <see cref="DuplicateMessageException"/> and commits nothing.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> SaveChangesAsync(CancellationToken ct = default)
    {
        if (!HasChanges) return [];
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        foreach (var (consumer, messageId) in _processed)
        {
            await using var inbox = new NpgsqlCommand(
                "insert into inbox (consumer, message_id) values ($1, $2) on conflict do nothing", connection);
            inbox.Parameters.Add(new() { Value = consumer });
            inbox.Parameters.Add(new() { Value = messageId });
            if (await inbox.ExecuteNonQueryAsync(ct) == 0) throw new DuplicateMessageException(consumer, messageId);
        }

        foreach (var (sql, args) in _sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            foreach (var arg in args) command.Parameters.Add(new() { Value = arg ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(ct);
        }

        var recorded = new List<RecordedEvent>();
        var now = store.Time.GetUtcNow();
        foreach (var (streamId, expected, events) in _appends)
        {
            var newVersion = await AdvanceStreamAsync(connection, streamId, expected, events.Count, ct);
            var version = newVersion - events.Count;
            foreach (var data in events)
            {
                version++;
                var eventId = Guid.CreateVersion7(now);
                var type = store.Types.NameOf(data.GetType());
                await using var insert = new NpgsqlCommand("""
                    insert into events (stream_id, version, event_id, type, data, correlation_id, causation_id, timestamp)
                    values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
                    returning position, tx_id
                    """, connection);
                insert.Parameters.Add(new() { Value = streamId });
                insert.Parameters.Add(new() { Value = version });
                insert.Parameters.Add(new() { Value = eventId });
                insert.Parameters.Add(new() { Value = type });
                insert.Parameters.Add(new() { Value = store.Types.Serialize(data) });
                insert.Parameters.Add(new() { Value = (object?)correlationId ?? DBNull.Value });
                insert.Parameters.Add(new() { Value = (object?)causationId ?? DBNull.Value });
                insert.Parameters.Add(new() { Value = now });
                await using var reader = await insert.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                recorded.Add(new RecordedEvent(reader.GetInt64(0), reader.GetFieldValue<ulong>(1), streamId, version, eventId,
                    type, data, correlationId, causationId, now));
            }
        }

        foreach (var projection in store.Projections)
            await projection.ApplyAsync(connection, recorded, ct);
        await tx.CommitAsync(ct);
        _appends.Clear();
        _processed.Clear();
        _sql.Clear();
        return recorded;
    }

    /// <summary>Moves the stream's version forward by count, checking the expectation; returns the new version.</summary>
    private static async Task<long> AdvanceStreamAsync(NpgsqlConnection connection, string streamId, ExpectedVersion expected, int count, CancellationToken ct)
    {
        var sql = expected.Value switch
        {
            null => """
                insert into streams (id, version) values ($1, $2)
                on conflict (id) do update set version = streams.version + $2, updated_at = now()
                returning version
                """,
            0 => "insert into streams (id, version) values ($1, $2) on conflict do nothing returning version",
            _ => "update streams set version = version + $2, updated_at = now() where id = $1 and version = $3 returning version",
        };
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = (long)count });
        if (expected.Value is > 0) command.Parameters.Add(new() { Value = expected.Value.Value });
        return await command.ExecuteScalarAsync(ct) is long version ? version : throw new ConcurrencyException(streamId, expected.Value);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
