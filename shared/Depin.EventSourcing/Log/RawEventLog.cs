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
        while (await reader.ReadAsync(ct)) yield return FromRow(reader, 0);
    }

    /// <summary>The stored event's columns, in the order <see cref="FromRow"/> reads them (prefix: a table alias and dot, or "").</summary>
    internal static string Columns(string prefix) =>
        string.Join(", ", new[] { "seq_id", "id", "stream_id", "version", "type", "timestamp", "correlation_id", "causation_id", "data" }.Select(c => prefix + c));

    /// <summary>The event in the row's <see cref="Columns"/>, from column <paramref name="first"/> on.</summary>
    internal static StoredEvent FromRow(NpgsqlDataReader reader, int first) => new(
        reader.GetInt64(first), reader.GetGuid(first + 1), reader.GetString(first + 2), reader.GetInt64(first + 3), reader.GetString(first + 4),
        new DateTimeOffset(reader.GetDateTime(first + 5), TimeSpan.Zero),
        reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6), reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7),
        reader.GetString(first + 8));

    private static NpgsqlCommand Select(NpgsqlConnection connection, string schema, EventFilter filter, long ceiling)
    {
        var sql = new StringBuilder($"select {Columns("")} from {schema}.mt_events where seq_id > @after and seq_id <= @ceiling");
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
