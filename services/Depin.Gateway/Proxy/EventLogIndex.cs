using Depin.ServiceDefaults.EventLog;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;

namespace Depin.Gateway.Proxy;

/// <summary>
/// GET /api/events: which logs there are. History is kept per service (each its own positions and chain), so the
/// log is named in the path: /api/events/{log}?after=… . The list is the gateway's own log and the logs its routes
/// reach (the "events-{log}" routes of ReverseProxy:Routes), so a new service's log appears by adding its route.
/// </summary>
public static class EventLogIndex
{
    private const string RoutePrefix = "events-";

    public static WebApplication MapEventLogIndex(this WebApplication app)
    {
        var own = app.Services.GetRequiredService<EventLogSource>().Log;
        var proxied = app.Configuration.GetSection("ReverseProxy:Routes").GetChildren()
            .Where(r => r.Key.StartsWith(RoutePrefix, StringComparison.Ordinal)).Select(r => r.Key[RoutePrefix.Length..]);
        var logs = proxied.Prepend(own).Distinct().Select(log => new { log, events = $"/api/events/{log}", verify = $"/api/events/{log}/verify" }).ToList();
        app.MapGet("/api/events", (HttpContext http) => http.Request.Query.Count > 0
                ? Problems.BadRequest($"name a log in the path: /api/events/{{log}}{http.Request.QueryString}, where log is one of {string.Join(", ", logs.Select(l => l.log))}")
                : Results.Ok(new { logs }))
            .RequireAuthorization(Roles.HistoryReaders);
        return app;
    }
}
