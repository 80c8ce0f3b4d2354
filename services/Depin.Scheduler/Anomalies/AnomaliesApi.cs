using Depin.Scheduler.Jobs.Paying;
using Depin.Scheduler.Jobs.Querying;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Anomalies;

/// <summary>
/// The operator's view of what must never happen: ended jobs whose hold billing still holds, and messages sitting in
/// error queues (billing shows every hold left open at /api/ledger/open-holds). Each list is empty in a healthy network.
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

    /// <summary>
    /// Jobs that ended a while ago (Scheduler:PaymentGraceSeconds) whose hold billing still holds: each is money stranded,
    /// settled or released by nobody. Billing's open holds are asked on the operator's behalf.
    /// </summary>
    private static async Task<IResult> UnpaidJobs(HttpContext http, IQuerySession session, BillingLedger billing, IOptions<SchedulerOptions> options,
        TimeProvider time, CancellationToken ct)
    {
        IReadOnlyList<Guid> held;
        try
        {
            held = await billing.HeldJobsAsync(http, ct);
        }
        catch (Exception ex) when (BillingLedger.Unreachable(ex, ct))
        {
            return Problems.Unavailable($"billing did not answer with its open holds: {ex.Message}");
        }
        return Results.Ok(await JobReader.EndedBeforeAsync(session, held, time.GetUtcNow().AddSeconds(-options.Value.PaymentGraceSeconds), ct));
    }

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
