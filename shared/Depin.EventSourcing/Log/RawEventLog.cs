using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Depin.EventSourcing.Log;

/// <summary>
/// Reads a service's Marten event table row by row, as stored (no deserialisation): the export, the hash chain
/// and its verification all see the same bytes. Positions are Marten's sequence numbers, in commit order up to
/// the daemon's high-water mark, the position below which every event is committed and none can still appear.
/// It reads the correlation and causation columns, which the services' conventions turn on.
/// </summary>
public static class RawEventLog
{
    public static async Task<long> HighWaterMarkAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce((select last_seq_id from {schema}.mt_event_progression where name = 'HighWaterMark'), 0)", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Events in position order, after filter.After and up to ceiling (normally the high-water mark).</summary>
    public static async IAsyncEnumerable<StoredEvent> ReadAsync(NpgsqlConnection connection, string schema, EventFilter filter, long ceiling,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = Select(connection, schema, filter, ceiling);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new StoredEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8));
        }
    }

    private static NpgsqlCommand Select(NpgsqlConnection connection, string schema, EventFilter filter, long ceiling)
    {
        var sql = new StringBuilder($"""
            select seq_id, id, stream_id, version, type, timestamp, correlation_id, causation_id, data
            from {schema}.mt_events where seq_id > @after and seq_id <= @ceiling
            """);
        var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.AddWithValue("after", filter.After);
        command.Parameters.AddWithValue("ceiling", ceiling);
        if (filter.Types is { Count: > 0 } types)
        {
            sql.Append(" and type = any(@types)");
            command.Parameters.AddWithValue("types", types.ToArray());
        }
        if (filter.Stream is { } stream)
        {
            sql.Append(" and stream_id = @stream");
            command.Parameters.AddWithValue("stream", stream);
        }
        if (filter.From is { } from)
        {
            sql.Append(" and timestamp >= @from");
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = from.UtcDateTime });
        }
        if (filter.To is { } to)
        {
            sql.Append(" and timestamp < @to");
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = to.UtcDateTime });
        }
        sql.Append(" order by seq_id");
        if (filter.Limit is { } limit) sql.Append($" limit {limit}");
        command.CommandText = sql.ToString();
        return command;
    }
}
