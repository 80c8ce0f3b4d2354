using Depin.EventStore.Streams;
using Npgsql;

namespace Depin.EventStore;

/// <summary>
/// Event sourcing on PostgreSQL, shaped after Marten: read and aggregate streams here, write through
/// an <see cref="EventSession"/>. The data source's search path is the owning service's schema.
/// </summary>
public sealed class EventStore(NpgsqlDataSource dataSource, EventTypeRegistry types, IEnumerable<IInlineProjection> projections, TimeProvider time)
{
    private const string Columns = "position, tx_id, stream_id, version, event_id, type, data::text, correlation_id, causation_id, timestamp";

    public NpgsqlDataSource DataSource => dataSource;
    internal EventTypeRegistry Types => types;
    internal IReadOnlyList<IInlineProjection> Projections { get; } = projections.ToList();
    internal TimeProvider Time => time;

    public EventSession OpenSession(Guid? correlationId = null, Guid? causationId = null) => new(this, correlationId, causationId);

    /// <summary>A stream's events, optionally only up to a version or a point in time (time travel), or only after a version.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        string streamId, long? toVersion = null, DateTimeOffset? asOf = null, long afterVersion = 0, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"select {Columns} from events where stream_id = $1 and version > $4 and version <= $2 and timestamp <= $3 order by version");
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = toVersion ?? long.MaxValue });
        command.Parameters.Add(new() { Value = asOf ?? DateTimeOffset.MaxValue });
        command.Parameters.Add(new() { Value = afterVersion });
        return await ReadEventsAsync(command, ct);
    }

    /// <summary>Live aggregation: folds a stream into state; Version is 0 when the stream does not exist.</summary>
    public async Task<(TState State, long Version)> AggregateStreamAsync<TState, TEvent>(
        string streamId, TState initial, Func<TState, TEvent, TState> evolve,
        long? toVersion = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
    {
        var events = await ReadStreamAsync(streamId, toVersion, asOf, ct: ct);
        var state = initial;
        foreach (var e in events) state = evolve(state, (TEvent)e.Data);
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>
    /// Gap-safe read of the global log after a checkpoint: only events of transactions older than the
    /// oldest one still in flight, in (transaction id, position) order.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(GlobalCheckpoint after, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from events
            where (tx_id, position) > ($1::text::xid8, $2)
              and tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by tx_id, position
            limit $3
            """);
        command.Parameters.Add(new() { Value = after.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new() { Value = after.Position });
        command.Parameters.Add(new() { Value = limit });
        return await ReadEventsAsync(command, ct);
    }

    private async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = reader.GetString(5);
            result.Add(new RecordedEvent(
                reader.GetInt64(0),
                reader.GetFieldValue<ulong>(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetGuid(4),
                type,
                types.Deserialize(type, reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetGuid(7),
                reader.IsDBNull(8) ? null : reader.GetGuid(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return result;
    }
}
