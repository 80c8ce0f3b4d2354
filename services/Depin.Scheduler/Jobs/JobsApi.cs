using System.Security.Claims;
using System.Text.Json;
using Depin.Scheduler.Jobs.Paying;
using Depin.Scheduler.Jobs.Querying;
using Depin.Scheduler.Jobs.Submitting;
using Depin.ServiceDefaults.EventLog;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Jobs;

public static class JobsApi
{
    public static WebApplication MapJobsApi(this WebApplication app)
    {
        var jobs = app.MapGroup("/api/jobs").RequireAuthorization();
        jobs.MapPost("/", Submit).RequireAuthorization(Roles.Client);
        jobs.MapGet("/", List);
        jobs.MapGet("/{jobId:guid}", Get);
        jobs.MapGet("/{jobId:guid}/result", GetResult);
        jobs.MapGet("/{jobId:guid}/events", JobHistoryEndpoint.Handle);
        jobs.MapDelete("/{jobId:guid}", Cancel);
        return app;
    }

    private static async Task<IResult> Submit(SubmitJobRequest request, ClaimsPrincipal user, HttpContext http, Submissions submissions,
        IOptions<SchedulerOptions> options, TimeProvider time)
    {
        var verification = options.Value.Verification;
        var (kernel, device, errors) = SubmitJobValidation.Validate(request, verification.MaxReplication);
        if (errors.Count > 0) return Problems.BadRequest(errors);
        var now = time.GetUtcNow();
        var jobId = Guid.CreateVersion7(now);
        var command = new SubmitJob(jobId, user.AccountId(), kernel!.Kernel!.Name, JsonSerializer.Serialize(kernel.Parameters!.Values),
            request.MaxPricePerUnit!.Value, kernel.EstimatedUnits, now.AddSeconds(request.DeadlineSeconds!.Value), request.Replication ?? 0, request.Region, device, now,
            verification.Terms);
        // Not cancelled with the request: the submission may already be in a batch, and a stored job is reported either way.
        var decided = await submissions.SubmitAsync(command, CorrelationId.Of(http));
        if (decided.Decision.Rejection is { } rejection) return Problems.Of(rejection);
        var submitted = (JobSubmitted)decided.Decision.Events[0];
        return Results.Accepted($"/api/jobs/{jobId}", new
        {
            jobId, status = JobStatus.Submitted, estimatedUnits = submitted.EstimatedUnits, maxCost = submitted.MaxCost, deadline = submitted.Deadline,
            replication = submitted.Replication,
        });
    }

    private static async Task<IResult> List(ClaimsPrincipal user, HttpContext http, IQuerySession session, BillingLedger billing, string? status, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 500) return Problems.BadRequest("limit must be between 1 and 500");
        JobStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed) || parsed == JobStatus.None || int.TryParse(status, out _))
                return Problems.BadRequest($"status must be one of: {string.Join(", ", Enum.GetNames<JobStatus>().Skip(1).Select(n => n.ToLowerInvariant()))}");
            wanted = parsed;
        }
        var owner = SeesAllJobs(user) ? (Guid?)null : user.AccountId();
        var records = await JobReader.ListAsync(session, owner, wanted, limit ?? 100, ct);
        var money = await billing.MoneyOfAsync(http, records.Select(r => r.JobId).ToList(), ct);
        return Results.Ok(records.Select(r => JobView.Of(r, money.GetValueOrDefault(r.JobId), withResult: false)));
    }

    /// <summary>?version=N or ?at=T: the job as its own stream had it then (its money is billing's, shown only for the job as it is now).</summary>
    private static async Task<IResult> Get(Guid jobId, ClaimsPrincipal user, HttpContext http, IQuerySession session, BillingLedger billing, CancellationToken ct)
    {
        var (point, error) = PointInTime.Parse(http.Request.Query);
        if (error is not null) return Problems.BadRequest(error);
        if (await Visible(jobId, user, session, ct) is not { } job) return NotFound(jobId);
        if (point is null) return Results.Ok(JobView.Of(job, (await billing.MoneyOfAsync(http, [jobId], ct)).GetValueOrDefault(jobId), withResult: false));
        var (then, problem) = await point.AggregateAsync<JobRecord>(session, JobDecider.StreamId(jobId), $"job {jobId}", ct);
        return problem ?? Results.Ok(JobView.Of(then!, null, withResult: false));
    }

    private static async Task<IResult> GetResult(Guid jobId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await Visible(jobId, user, session, ct) is not { } record) return NotFound(jobId);
        var job = JobView.Of(record, null, withResult: true);
        if (job.Status != JobStatus.Completed)
            return Problems.Conflict($"job {jobId} has no result: it is {job.Status.ToString().ToLowerInvariant()}{(job.Reason is null ? "" : $" ({job.Reason})")}");
        return Results.Ok(new { job.JobId, job.Kernel, job.ResultHash, job.Result, job.Units, job.PricePerUnit, job.Cost, job.NodeId, deviceClass = job.RanOn });
    }

    private static async Task<IResult> Cancel(Guid jobId, ClaimsPrincipal user, HttpContext http, IQuerySession session, JobCommandRunner runner, TimeProvider time, CancellationToken ct)
    {
        if (await Visible(jobId, user, session, ct) is null) return NotFound(jobId);
        if (user.Role() is not (Roles.Client or Roles.Operator)) return Problems.Forbidden("only the job's client or an operator may cancel it");
        var decided = await runner.RunAsync(jobId, new CancelJob(user.AccountId(), time.GetUtcNow()), CorrelationId.Of(http), ct);
        return decided.Decision.Rejection is { } rejection
            ? Problems.Conflict($"job {jobId} cannot be cancelled: {rejection.Detail}")
            : Results.Accepted($"/api/jobs/{jobId}", new { jobId, status = JobStatus.Cancelled });
    }

    internal static async Task<JobRecord?> Visible(Guid jobId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var job = await JobReader.FindAsync(session, jobId, ct);
        return job is not null && (SeesAllJobs(user) || job.ClientAccountId == user.AccountId()) ? job : null;
    }

    internal static IResult NotFound(Guid jobId) => Problems.NotFound($"job {jobId} does not exist or is not yours");

    private static bool SeesAllJobs(ClaimsPrincipal user) => user.Role() is Roles.Operator or Roles.Analyst;
}
