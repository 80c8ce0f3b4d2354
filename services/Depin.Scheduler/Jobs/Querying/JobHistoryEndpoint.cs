using System.Security.Claims;
using System.Text.Json;
using JasperFx.Events;
using Marten;

namespace Depin.Scheduler.Jobs.Querying;

/// <summary>A job's history from its stream; with Accept: text/event-stream it follows the job live until it ends.</summary>
public static class JobHistoryEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan LivePoll = TimeSpan.FromMilliseconds(250);

    public static async Task<IResult> Handle(Guid jobId, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (await JobsApi.Visible(jobId, user, session, ct) is null) return JobsApi.NotFound(jobId);
        var streamKey = JobDecider.StreamId(jobId);
        if (!http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            return Results.Ok((await session.Events.FetchStreamAsync(streamKey, token: ct)).Select(Describe));

        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        long seen = 0;
        var job = Job.Initial;
        while (!ct.IsCancellationRequested && !job.IsTerminal)
        {
            foreach (var e in await session.Events.FetchStreamAsync(streamKey, fromVersion: seen + 1, token: ct))
            {
                seen = e.Version;
                if (e.Data is IJobEvent data) job = Job.Evolve(job, data);
                await http.Response.WriteAsync($"id: {e.Version}\nevent: {e.EventTypeName}\ndata: {JsonSerializer.Serialize(Describe(e), Json)}\n\n", ct);
            }
            await http.Response.Body.FlushAsync(ct);
            if (!job.IsTerminal) await Task.Delay(LivePoll, ct);
        }
        return Results.Empty;
    }

    private static object Describe(IEvent e) => new { version = e.Version, type = e.EventTypeName, at = e.Timestamp, data = e.Data };
}
