using System.Security.Claims;
using System.Text.RegularExpressions;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Marten;

namespace Depin.Gateway.ApiKeys;

public sealed record CreateAccountRequest(string? Name, string? Role);

/// <summary>Accounts and their keys: the gateway owns keys and roles, so it answers these itself.</summary>
public static partial class AccountsApi
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$")]
    private static partial Regex NamePattern();

    private const string Prefix = "api-account-";
    public static string StreamId(Guid accountId) => Prefix + accountId;

    public static WebApplication MapAccountsApi(this WebApplication app)
    {
        app.MapPost("/api/accounts", Create).RequireAuthorization(Roles.Operator);
        // Rotation issues a new key at once; the old one (like a revoked one) stops working within Gateway:KeyCacheSeconds.
        app.MapPost("/api/accounts/me/keys", (ClaimsPrincipal user, HttpContext http, IDocumentStore store, TimeProvider time, CancellationToken ct) =>
            Rotate(user.AccountId(), http, store, time, ct)).RequireAuthorization();
        app.MapPost("/api/accounts/{accountId:guid}/keys", Rotate).RequireAuthorization(Roles.Operator);
        app.MapDelete("/api/accounts/{accountId:guid}/keys", Revoke).RequireAuthorization(Roles.Operator);
        return app;
    }

    private static async Task<IResult> Create(CreateAccountRequest request, HttpContext http, IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<string>();
        if (request.Name is null || !NamePattern().IsMatch(request.Name)) errors.Add("name must be 1-64 characters of letters, digits, spaces, '.', '_' and '-'");
        if (request.Role is null || !Roles.All.Contains(request.Role)) errors.Add($"role must be one of: {string.Join(", ", Roles.All)}");
        if (errors.Count > 0) return Problems.BadRequest(errors);

        var accountId = Guid.CreateVersion7();
        var key = ApiKeyHash.NewKey();
        await using var session = store.LightweightSession();
        session.CorrelationId = CorrelationId.Of(http).ToString();
        session.Events.StartStream(StreamId(accountId), new ApiAccountOpened(accountId, request.Name!, request.Role!, ApiKeyHash.Of(key), time.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/accounts/{accountId}", new { accountId, name = request.Name, role = request.Role, apiKey = key });
    }

    private static async Task<IResult> Rotate(Guid accountId, HttpContext http, IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        var key = ApiKeyHash.NewKey();
        await AppendAsync(store, http, accountId, new ApiKeyRotated(accountId, ApiKeyHash.Of(key), time.GetUtcNow()), ct);
        return Results.Ok(new { accountId, apiKey = key });
    }

    private static async Task<IResult> Revoke(Guid accountId, HttpContext http, IDocumentStore store, TimeProvider time, CancellationToken ct)
    {
        await AppendAsync(store, http, accountId, new ApiKeyRevoked(accountId, time.GetUtcNow()), ct);
        return Results.NoContent();
    }

    /// <summary>Key changes need no decision (the latest wins), only an account that exists: KnownAccounts checked the id.</summary>
    private static async Task AppendAsync(IDocumentStore store, HttpContext http, Guid accountId, IApiAccountEvent e, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.CorrelationId = CorrelationId.Of(http).ToString();
        session.Events.Append(StreamId(accountId), e);
        await session.SaveChangesAsync(ct);
    }
}
