using Depin.ServiceDefaults.Analytics;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Marten;

namespace Depin.Scheduler.Analytics;

public sealed record KernelHour(string Kernel, DateTimeOffset Hour, long Submitted, long Completed, long Failed, long Cancelled);

public sealed record Percentiles(double? P50, double? P95, double? P99);

public sealed record KernelTimings(string Kernel, long Jobs, long Completed, Percentiles QueueWaitMs, Percentiles RunMs);

/// <summary>
/// GET /api/analytics/jobs (per kernel and hour: submitted, and completed, failed, cancelled by the hour they ended),
/// /api/analytics/kernels (per kernel: queue wait and run time p50/p95/p99, exact, over the jobs submitted in the
/// window), /api/analytics/nodes (each node's reliability). From the async projections, as far as the daemon has got.
/// </summary>
public static class JobAnalyticsApi
{
    public static WebApplication MapJobAnalytics(this WebApplication app)
    {
        var analytics = app.MapGroup("/api/analytics").RequireAuthorization(Roles.HistoryReaders);
        analytics.MapGet("/jobs", async (HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            var (window, error) = AnalyticsWindow.Parse(http.Request.Query);
            return window is null ? Problems.BadRequest(error!) : Results.Ok(await PerKernelHourAsync(session, window, ct));
        });
        analytics.MapGet("/kernels", async (HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            var (window, error) = AnalyticsWindow.Parse(http.Request.Query);
            return window is null ? Problems.BadRequest(error!) : Results.Ok(await TimingsAsync(session, window, ct));
        });
        analytics.MapGet("/nodes", async (IQuerySession session, CancellationToken ct) =>
            Results.Ok(await session.Query<NodeReliability>().OrderByDescending(n => n.LastAssignedAt).ThenBy(n => n.Id).Take(AnalyticsWindow.MaxRows).ToListAsync(ct)));
        return app;
    }

    private static string Table(IQuerySession session) => session.DocumentStore.Options.DatabaseSchemaName + ".mt_doc_jobtimeline";

    private static async Task<IReadOnlyList<KernelHour>> PerKernelHourAsync(IQuerySession session, AnalyticsWindow w, CancellationToken ct) =>
        await session.AdvancedSql.QueryAsync<KernelHour>($"""
            select jsonb_build_object('kernel', kernel, 'hour', hour, 'submitted', sum(s), 'completed', sum(c), 'failed', sum(f), 'cancelled', sum(x))
            from (
                select kernel, date_trunc('hour', submitted_at, 'UTC') as hour, 1 as s, 0 as c, 0 as f, 0 as x
                from {Table(session)} where submitted_at >= ? and submitted_at < ?
                union all
                select kernel, date_trunc('hour', ended_at, 'UTC'), 0, (status = 'completed')::int, (status = 'failed')::int, (status = 'cancelled')::int
                from {Table(session)} where ended_at >= ? and ended_at < ?
            ) r
            group by kernel, hour order by hour, kernel limit {w.Limit}
            """, ct, w.From, w.To, w.From, w.To);

    private static async Task<IReadOnlyList<KernelTimings>> TimingsAsync(IQuerySession session, AnalyticsWindow w, CancellationToken ct) =>
        await session.AdvancedSql.QueryAsync<KernelTimings>($"""
            select jsonb_build_object('kernel', kernel, 'jobs', count(*), 'completed', count(*) filter (where status = 'completed'),
                'queueWaitMs', jsonb_build_object('p50', percentile_cont(0.5) within group (order by wait_ms),
                    'p95', percentile_cont(0.95) within group (order by wait_ms), 'p99', percentile_cont(0.99) within group (order by wait_ms)),
                'runMs', jsonb_build_object('p50', percentile_cont(0.5) within group (order by run_ms),
                    'p95', percentile_cont(0.95) within group (order by run_ms), 'p99', percentile_cont(0.99) within group (order by run_ms)))
            from {Table(session)} where submitted_at >= ? and submitted_at < ?
            group by kernel order by kernel limit {w.Limit}
            """, ct, w.From, w.To);
}
