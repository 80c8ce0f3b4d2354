using System.Security.Claims;
using System.Text.Json;
using Depin.EventStore.Streams;

namespace Depin.Scheduler.Jobs.Querying;

/// <summary>A job's history from its stream; with Accept: text/event-stream it follows the job live until it ends.</summary>
public static class JobHistoryEndpoint
{
    private static readonly JsonSerializerOptions Json = EventTypeRegistry.Json;

    public static async Task<IResult> Handle(Guid jobId, ClaimsPrincipal user, HttpContext http, JobReader reader, EventStore.EventStore store, CancellationToken ct)
    {
        if (await JobsApi.Visible(jobId, user, reader, ct) is null) return JobsApi.NotFound(jobId);
        var streamId = JobDecider.StreamId(jobId);
        if (!http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            return Results.Ok((await store.ReadStreamAsync(streamId, ct: ct)).Select(Describe));

        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        long seen = 0;
        var job = Job.Initial;
        while (!ct.IsCancellationRequested && !job.IsTerminal)
        {
            foreach (var e in await store.ReadStreamAsync(streamId, ct: ct, afterVersion: seen))
            {
                seen = e.Version;
                job = Job.Evolve(job, (IJobEvent)e.Data);
                await http.Response.WriteAsync($"id: {e.Version}\nevent: {e.Type}\ndata: {JsonSerializer.Serialize(Describe(e), Json)}\n\n", ct);
            }
            await http.Response.Body.FlushAsync(ct);
            if (!job.IsTerminal) await Task.Delay(250, ct);
        }
        return Results.Empty;
    }

    private static object Describe(RecordedEvent e) => new { version = e.Version, type = e.Type, at = e.Timestamp, data = e.Data };
}
