using System.Security.Claims;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Marten;

namespace Depin.Billing.Holds;

/// <summary>
/// GET /api/ledger/jobs?ids=a,b,...: the money of up to 100 jobs. A client sees only its own jobs' money (another's is
/// left out, as an unknown job is); operators and analysts see every job's. The scheduler's job view asks here on
/// its caller's behalf.
/// </summary>
public static class JobMoneyApi
{
    public static WebApplication MapJobMoneyApi(this WebApplication app)
    {
        app.MapGet("/api/ledger/jobs", MoneyOfJobs).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> MoneyOfJobs(string? ids, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (user.Role() is not (Roles.Client or Roles.Operator or Roles.Analyst))
            return Problems.Forbidden("a job's money is for its client, operators and analysts");
        var parts = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > JobMoneyReader.MaxJobs)
            return Problems.BadRequest($"ids must name 1 to {JobMoneyReader.MaxJobs} job ids, separated by commas");
        var jobIds = new List<Guid>(parts.Length);
        foreach (var part in parts)
        {
            if (!Guid.TryParse(part, out var id)) return Problems.BadRequest($"'{part}' is not a job id");
            jobIds.Add(id);
        }
        var money = await JobMoneyReader.ReadAsync(session, jobIds, ct);
        return Results.Ok(user.Role() is Roles.Client ? money.Where(m => m.ClientAccountId == user.AccountId()).ToList() : money);
    }
}
