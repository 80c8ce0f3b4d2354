using System.Security.Claims;
using Depin.Billing.Accounts.Depositing;
using Depin.Billing.Accounts.Querying;
using Depin.EventStore.Deciding;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;

namespace Depin.Billing.Accounts;

public static class AccountsApi
{
    public static WebApplication MapAccountsApi(this WebApplication app)
    {
        var accounts = app.MapGroup("/api/accounts").RequireAuthorization();
        accounts.MapPost("/{accountId:guid}/deposits", DepositFunds).RequireAuthorization(Roles.Operator);
        accounts.MapGet("/me", (ClaimsPrincipal user, EventStore.EventStore store, CancellationToken ct) => Balance(user.AccountId(), store, ct));
        accounts.MapGet("/me/ledger", (ClaimsPrincipal user, AccountReader reader, int? limit, CancellationToken ct) => Ledger(user.AccountId(), reader, limit, ct));
        accounts.MapGet("/{accountId:guid}", (Guid accountId, EventStore.EventStore store, CancellationToken ct) => Balance(accountId, store, ct))
            .RequireAuthorization(Roles.Operator);
        accounts.MapGet("/{accountId:guid}/ledger", (Guid accountId, AccountReader reader, int? limit, CancellationToken ct) => Ledger(accountId, reader, limit, ct))
            .RequireAuthorization(Roles.Operator);
        app.MapGet("/api/ledger/trial-balance", async (ClaimsPrincipal user, AccountReader reader, CancellationToken ct) =>
            user.Role() is Roles.Operator or Roles.Analyst
                ? Results.Ok(await reader.TrialBalanceAsync(ct))
                : Problems.Forbidden("the trial balance is for operators and analysts")).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> DepositFunds(Guid accountId, DepositRequest request, HttpContext http, AccountReader reader,
        EventStore.EventStore store, TimeProvider time, CancellationToken ct)
    {
        if (request.Amount is not { } amount) return Problems.BadRequest("amount is required (micro-credits)");
        if (amount is <= 0 or > AccountDecider.MaxDeposit)
            return Problems.BadRequest($"amount must be between 1 and {AccountDecider.MaxDeposit} micro-credits (got {amount})");
        // An account opened a moment ago reaches billing through the bus; give it a few seconds before calling it unknown.
        for (var waited = 0; !await reader.IsKnownAsync(accountId, ct); waited += 100)
        {
            if (waited >= 5_000) return Problems.NotFound($"account {accountId} does not exist");
            await Task.Delay(100, ct);
        }
        var decided = await store.DecideAndSaveAsync(AccountDecider.StreamId(accountId), AccountDecider.Decider,
            new Deposit(amount, time.GetUtcNow()), CorrelationId.Of(http), ct);
        return decided.Decision.Rejection is { } reason
            ? Problems.BadRequest(reason)
            : Results.Created($"/api/accounts/{accountId}", View(decided.After));
    }

    private static async Task<IResult> Balance(Guid accountId, EventStore.EventStore store, CancellationToken ct)
    {
        var (account, _) = await store.AggregateStreamAsync(AccountDecider.StreamId(accountId), Account.Initial, (Func<Account, IAccountEvent, Account>)Account.Evolve, ct: ct);
        return Results.Ok(View(account with { Id = accountId }));
    }

    private static async Task<IResult> Ledger(Guid accountId, AccountReader reader, int? limit, CancellationToken ct) =>
        limit is < 1 or > 1000
            ? Problems.BadRequest("limit must be between 1 and 1000")
            : Results.Ok(await reader.LedgerAsync(accountId.ToString(), limit ?? 200, ct));

    private static object View(Account a) => new { accountId = a.Id, a.Name, a.Role, available = a.Available, held = a.Held, total = a.Available + a.Held };
}
