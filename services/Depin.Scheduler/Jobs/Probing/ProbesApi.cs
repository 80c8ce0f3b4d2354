using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;

namespace Depin.Scheduler.Jobs.Probing;

/// <summary>POST /api/probes {nodeId} (operators): send that node a known-answer probe now, as the sweeper does at random.</summary>
public static class ProbesApi
{
    public sealed record ProbeRequest(Guid? NodeId);

    public static WebApplication MapProbesApi(this WebApplication app)
    {
        app.MapPost("/api/probes", async (ProbeRequest request, Prober prober, HttpContext http, CancellationToken ct) =>
        {
            if (request.NodeId is not { } nodeId || nodeId == Guid.Empty) return Problems.BadRequest("nodeId is required");
            var (sent, why) = await prober.ProbeAsync(nodeId, CorrelationId.Of(http), ct);
            return sent is null ? Problems.Of(why!) : Results.Accepted($"/api/jobs/{sent.JobId}", new { jobId = sent.JobId, nodeId, sourceJobId = sent.SourceJobId });
        }).RequireAuthorization(Roles.Operator);
        return app;
    }
}
