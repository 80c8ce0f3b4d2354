using Depin.Scheduler.Jobs.Querying;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Anomalies;

/// <summary>
/// The operator's view of what must never happen: ended jobs whose money never moved, and messages sitting in
/// error queues (billing shows holds left open at /api/ledger/open-holds). Each list is empty in a healthy network.
/// </summary>
public static class AnomaliesApi
{
    public static WebApplication MapAnomaliesApi(this WebApplication app)
    {
        var anomalies = app.MapGroup("/api/anomalies").RequireAuthorization(Roles.Operator);
        anomalies.MapGet("/unpaid-jobs", UnpaidJobs);
        anomalies.MapGet("/error-queues", ErrorQueuesReport);
        return app;
    }

    /// <summary>Jobs that ended a while ago whose money billing never reported moving: each would be a stranded hold.</summary>
    private static async Task<IResult> UnpaidJobs(IQuerySession session, IOptions<SchedulerOptions> options, TimeProvider time, CancellationToken ct) =>
        Results.Ok(await JobReader.EndedWithoutPaymentAsync(session, time.GetUtcNow().AddSeconds(-options.Value.PaymentGraceSeconds), ct));

    private static async Task<IResult> ErrorQueuesReport(ErrorQueues queues, CancellationToken ct)
    {
        if (!queues.Configured)
            return Problems.Unavailable("the broker's management API is not configured (ConnectionStrings:rabbitmq_management)");
        try
        {
            return Results.Ok(await queues.ReadAsync(ct));
        }
        catch (HttpRequestException ex)
        {
            return Problems.Unavailable($"the broker's management API did not answer: {ex.Message}");
        }
    }
}
