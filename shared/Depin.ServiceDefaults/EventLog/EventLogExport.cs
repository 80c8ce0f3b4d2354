using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Depin.EventSourcing.Log;
using Npgsql;

namespace Depin.ServiceDefaults.EventLog;

/// <summary>Writes stored events to a response body as they are read: NDJSON lines, or one JSON page.</summary>
public static class EventLogExport
{
    private const int FlushEvery = 512;

    public static async Task<long> WriteLinesAsync(PipeWriter body, NpgsqlConnection connection, EventLogSource source, EventFilter filter, long ceiling,
        CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(body);
        var written = 0L;
        await foreach (var e in RawEventLog.ReadAsync(connection, source.Schema, filter, ceiling, ct))
        {
            EventJson.Write(json, source.Log, e);
            json.Flush();
            json.Reset();
            body.Write("\n"u8);
            if (++written % FlushEvery == 0) await body.FlushAsync(ct);
        }
        await body.FlushAsync(ct);
        return written;
    }

    /// <summary>{log, highWaterMark, events, next, more}: a full page may have more after it, asked for with after=next.</summary>
    public static async Task WritePageAsync(PipeWriter body, NpgsqlConnection connection, EventLogSource source, EventFilter filter, long ceiling,
        CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("log", source.Log);
        json.WriteNumber("highWaterMark", ceiling);
        json.WriteStartArray("events");
        var (count, last) = (0, filter.After);
        await foreach (var e in RawEventLog.ReadAsync(connection, source.Schema, filter, ceiling, ct))
        {
            EventJson.Write(json, source.Log, e);
            (count, last) = (count + 1, e.Position);
        }
        json.WriteEndArray();
        json.WriteNumber("next", last);
        json.WriteBoolean("more", count == filter.Limit);
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }
}
