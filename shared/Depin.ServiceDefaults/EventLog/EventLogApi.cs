using System.Buffers;
using System.Text.Json;
using Depin.EventSourcing.Log;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Depin.ServiceDefaults.EventLog;

/// <summary>
/// GET /api/events/{log}: the service's stored events for analysts and operators, a JSON page at a time or, with
/// Accept: application/x-ndjson (or format=ndjson), every matching event streamed one per line. Only events
/// at or below the daemon's high-water mark are shown, so paging with after=next never skips one that commits late.
/// GET /api/events/{log}/verify recomputes the log's hash chain and names the first broken link.
/// </summary>
public static class EventLogApi
{
    private const string NdJson = "application/x-ndjson";
    private const int FlushEvery = 512;

    public static WebApplication MapEventLog(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<EventLogSource>().Log;
        var events = app.MapGroup($"/api/events/{log}").RequireAuthorization(Roles.HistoryReaders);
        events.MapGet("/", Read);
        events.MapGet("/verify", Verify);
        return app;
    }

    private static async Task<IResult> Read(HttpContext http, EventLogSource source, CancellationToken ct)
    {
        var streaming = http.Request.Query["format"] == "ndjson" || http.Request.Headers.Accept.ToString().Contains(NdJson, StringComparison.OrdinalIgnoreCase);
        if (http.Request.Query["format"].ToString() is { Length: > 0 } format && format is not ("ndjson" or "json"))
            return Problems.BadRequest($"format must be json or ndjson, not '{format}'");
        var (filter, error) = EventLogQuery.Parse(http.Request.Query, source.Types, streaming);
        if (filter is null) return Problems.BadRequest(error!);

        await using var connection = await source.OpenAsync(ct);
        var ceiling = await RawEventLog.HighWaterMarkAsync(connection, source.Schema, ct);
        var response = http.Response;
        response.ContentType = streaming ? NdJson : "application/json";
        var body = response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        if (streaming)
        {
            var written = 0;
            await foreach (var e in RawEventLog.ReadAsync(connection, source.Schema, filter, ceiling, ct))
            {
                EventJson.Write(json, source.Log, e);
                json.Flush();
                json.Reset();
                body.Write("\n"u8);
                if (++written % FlushEvery == 0) await body.FlushAsync(ct);
            }
            await body.FlushAsync(ct);
            return Results.Empty;
        }

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
        // A full page may have more after it; next is the position to ask for them with (after=next).
        json.WriteNumber("next", last);
        json.WriteBoolean("more", count == filter.Limit);
        json.WriteEndObject();
        await json.FlushAsync(ct);
        return Results.Empty;
    }

    private static async Task<IResult> Verify(EventLogSource source, CancellationToken ct)
    {
        await using var connection = await source.OpenAsync(ct);
        return Results.Ok(await source.Chain.VerifyAsync(connection, ct));
    }
}
