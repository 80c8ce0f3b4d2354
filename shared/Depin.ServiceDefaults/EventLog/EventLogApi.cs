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
        http.Response.ContentType = streaming ? NdJson : "application/json";
        if (streaming) await EventLogExport.WriteLinesAsync(http.Response.BodyWriter, connection, source, filter, ceiling, ct);
        else await EventLogExport.WritePageAsync(http.Response.BodyWriter, connection, source, filter, ceiling, ct);
        return Results.Empty;
    }

    private static async Task<IResult> Verify(EventLogSource source, CancellationToken ct)
    {
        await using var connection = await source.OpenAsync(ct);
        return Results.Ok(await source.Chain.VerifyAsync(connection, ct));
    }
}
