using System.Security.Claims;
using Depin.Billing.Accounts.Depositing;
using Depin.Billing.Ledger;
using Depin.EventSourcing.Deciding;
using Depin.ServiceDefaults.EventLog;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Marten;

namespace Depin.Billing.Accounts;

/// <summary>
/// Money accounts. Which accounts exist is the gateway's fact (it owns accounts and keys and refuses an
/// unknown account id at the edge), so billing opens an account's money stream with its first deposit.
/// </summary>
public static class AccountsApi
{
    public static WebApplication MapAccountsApi(this WebApplication app)
    {
        var accounts = app.MapGroup("/api/accounts").RequireAuthorization();
        accounts.MapPost("/{accountId:guid}/deposits", DepositFunds).RequireAuthorization(Roles.Operator);
        accounts.MapGet("/me", (ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct) => Balance(user.AccountId(), http, session, ct));
        accounts.MapGet("/me/ledger", (ClaimsPrincipal user, IQuerySession session, int? limit, CancellationToken ct) => Ledger(user.AccountId(), session, limit, ct));
        accounts.MapGet("/{accountId:guid}", (Guid accountId, HttpContext http, IQuerySession session, CancellationToken ct) => Balance(accountId, http, session, ct))
            .RequireAuthorization(Roles.Operator);
        accounts.MapGet("/{accountId:guid}/ledger", (Guid accountId, IQuerySession session, int? limit, CancellationToken ct) => Ledger(accountId, session, limit, ct))
            .RequireAuthorization(Roles.Operator);
        app.MapGet("/api/ledger/trial-balance", async (ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
            user.Role() is Roles.Operator or Roles.Analyst
                ? Results.Ok(await LedgerReader.TrialBalanceAsync(session, ct))
                : Problems.Forbidden("the trial balance is for operators and analysts")).RequireAuthorization();
        app.MapGet("/api/ledger/open-holds", async (IQuerySession session, CancellationToken ct) => Results.Ok(await LedgerReader.OpenHoldsAsync(session, ct)))
            .RequireAuthorization(Roles.Operator);
        return app;
    }

    private static async Task<IResult> DepositFunds(Guid accountId, DepositRequest request, HttpContext http, IDocumentStore store,
        TimeProvider time, CancellationToken ct)
    {
        if (request.Amount is not { } amount) return Problems.BadRequest("amount is required (micro-credits)");
        var key = IdempotencyKey.Read(http.Request);
        if (key.Problem is { } invalid) return Problems.BadRequest(invalid);
        var decided = await store.DecideAndSaveAsync(AccountDecider.StreamId(accountId), AccountDecider.Decider,
            new Deposit(accountId, amount, time.GetUtcNow(), key.Key), CorrelationId.Of(http), ct);
        if (decided.Decision.Rejection is { } rejection) return Problems.Of(rejection);
        await using var session = store.QuerySession();
        var view = View(await LedgerReader.BalanceAsync(session, accountId, ct));
        // A repeat with a key already used for the same amount credited nothing: 200 with the account as it is now.
        return decided.Decision.Events.Count == 0 ? Results.Ok(view) : Results.Created($"/api/accounts/{accountId}", view);
    }

    /// <summary>?version=N (after the account's N-th movement) or ?at=T: the balance as the ledger had it then.</summary>
    private static async Task<IResult> Balance(Guid accountId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var (point, error) = PointInTime.Parse(http.Request.Query);
        if (error is not null) return Problems.BadRequest(error);
        if (point is null) return Results.Ok(View(await LedgerReader.BalanceAsync(session, accountId, ct)));
        var then = await LedgerReader.BalanceThenAsync(session, accountId, point.Version, point.At, ct);
        if (point.Version is { } version && version > then.AllMovements)
            return Problems.NotFound($"account {accountId} has {then.AllMovements} movements: there is no version {version}");
        return Results.Ok(new
        {
            accountId, available = then.Available, held = then.Held, total = then.Available + then.Held, version = then.Movements,
        });
    }

    private static async Task<IResult> Ledger(Guid accountId, IQuerySession session, int? limit, CancellationToken ct) =>
        limit is < 1 or > 1000
            ? Problems.BadRequest("limit must be between 1 and 1000")
            : Results.Ok(await LedgerReader.LinesAsync(session, accountId, limit ?? 200, ct));

    private static object View(Balance b) => new { accountId = b.AccountId, available = b.Available, held = b.Held, staked = b.Staked, total = b.Total };
}
