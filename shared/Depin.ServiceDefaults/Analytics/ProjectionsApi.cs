using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Depin.ServiceDefaults.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Depin.ServiceDefaults.Analytics;

/// <summary>
/// GET /api/analytics/projections/{name}: a projection's position, the high-water mark and its rebuild;
/// POST /api/analytics/projections/{name}/rebuild: rebuild it from position 0 while the service runs (202; 409 when
/// one is running; 503 on an instance that does not run the daemon). Analysts and operators.
/// </summary>
public static class ProjectionsApi
{
    public static WebApplication MapAnalyticsProjections(this WebApplication app)
    {
        var projections = app.MapGroup("/api/analytics/projections").RequireAuthorization(Roles.HistoryReaders);
        projections.MapGet("/{name}", async (string name, ProjectionRebuilds rebuilds, CancellationToken ct) =>
            rebuilds.Knows(name) ? Results.Ok(await rebuilds.StatusAsync(name, ct)) : Unknown(name));
        projections.MapPost("/{name}/rebuild", async (string name, ProjectionRebuilds rebuilds, IOptions<EventStoreOptions> options, CancellationToken ct) =>
        {
            if (!rebuilds.Knows(name)) return Unknown(name);
            if (!options.Value.RunDaemon) return Problems.Unavailable("this instance does not run the daemon; ask the one that does");
            return await rebuilds.TryStartAsync(name, ct)
                ? Results.Accepted($"/api/analytics/projections/{name}", await rebuilds.StatusAsync(name, ct))
                : Problems.Conflict($"projection {name} is already being rebuilt");
        });
        return app;
    }

    private static IResult Unknown(string name) => Problems.NotFound($"no analytics projection named {name}");
}
