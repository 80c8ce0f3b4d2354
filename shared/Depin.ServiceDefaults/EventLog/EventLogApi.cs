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

    /// <summary>
    /// GET /api/events: the logs there are, this service's first, each with its links. History is kept per service
    /// (each log its own positions and chain), so a read names its log: a query here is told to.
    /// </summary>
    public static WebApplication MapEventLogIndex(this WebApplication app, IEnumerable<string> otherLogs)
    {
        var logs = otherLogs.Prepend(app.Services.GetRequiredService<EventLogSource>().Log).Distinct()
            .Select(log => new { log, events = $"/api/events/{log}", verify = $"/api/events/{log}/verify" }).ToList();
        app.MapGet("/api/events", (HttpContext http) => http.Request.Query.Count > 0
                ? Problems.BadRequest($"name a log in the path: /api/events/{{log}}{http.Request.QueryString}, where log is one of {string.Join(", ", logs.Select(l => l.log))}")
                : Results.Ok(new { logs }))
            .RequireAuthorization(Roles.HistoryReaders);
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
