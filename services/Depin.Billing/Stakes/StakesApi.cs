using System.Security.Claims;
using Depin.EventSourcing.Deciding;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Billing.Stakes;

/// <summary>
/// Nodes' stakes. A provider stakes at registration (the registry's `stake`, which billing bonds) or here, and asks for stake
/// back with /unbond: it is released to its available money after the cooling-off. Providers see their own nodes' stakes,
/// operators everyone's.
/// </summary>
public static class StakesApi
{
    public static WebApplication MapStakesApi(this WebApplication app)
    {
        var stakes = app.MapGroup("/api/stakes").RequireAuthorization();
        stakes.MapGet("/", List);
        stakes.MapGet("/{nodeId:guid}", Get);
        stakes.MapPost("/{nodeId:guid}", Add).RequireAuthorization(Roles.Provider);
        stakes.MapPost("/{nodeId:guid}/unbond", Unbond).RequireAuthorization(Roles.Provider);
        return app;
    }

    private static async Task<IResult> List(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<StakeRecord>();
        var records = user.Role() switch
        {
            Roles.Operator => await query.OrderBy(s => s.NodeId).Take(10_000).ToListAsync(ct),
            Roles.Provider => await query.Where(s => s.ProviderAccountId == user.AccountId()).OrderBy(s => s.NodeId).ToListAsync(ct),
            _ => null,
        };
        return records is null ? Problems.Forbidden("stakes are for providers and operators") : Results.Ok(records.Select(View));
    }

    private static async Task<IResult> Get(Guid nodeId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var record = await session.LoadAsync<StakeRecord>(StakeDecider.StreamId(nodeId), ct);
        // Another provider's stake is "not found", not "forbidden": whether a node has a stake is its provider's business.
        return record is null || (user.Role() != Roles.Operator && record.ProviderAccountId != user.AccountId())
            ? Problems.NotFound($"no stake for node {nodeId}")
            : Results.Ok(View(record));
    }

    private static Task<IResult> Add(Guid nodeId, StakeRequest request, ClaimsPrincipal user, HttpContext http, IDocumentStore store, TimeProvider time,
        CancellationToken ct) =>
        request.Amount is not { } amount
            ? Task.FromResult(Problems.BadRequest("amount is required (micro-credits)"))
            : SaveAsync(store, http, nodeId, session => StakeBonding.DecideAsync(session, nodeId, user.AccountId(),
                available => new AddStake(nodeId, user.AccountId(), amount, available, time.GetUtcNow()), ct), ct);

    private static Task<IResult> Unbond(Guid nodeId, StakeRequest request, ClaimsPrincipal user, HttpContext http, IDocumentStore store,
        IOptions<BillingOptions> options, TimeProvider time, CancellationToken ct) =>
        request.Amount is not { } amount
            ? Task.FromResult(Problems.BadRequest("amount is required (micro-credits)"))
            : SaveAsync(store, http, nodeId, session => session.DecideAsync(StakeDecider.StreamId(nodeId), StakeDecider.Decider,
                new UnbondStake(nodeId, user.AccountId(), amount, TimeSpan.FromSeconds(options.Value.StakeCoolingOffSeconds), time.GetUtcNow()), ct), ct);

    /// <summary>Decides in a session of its own and answers with the stake as it is now; a race with another writer decides again.</summary>
    private static async Task<IResult> SaveAsync(IDocumentStore store, HttpContext http, Guid nodeId,
        Func<IDocumentSession, Task<Decided<NodeStake, IStakeEvent>>> decide, CancellationToken ct)
    {
        var decided = await store.DecideInSessionAsync(decide, CorrelationId.Of(http), ct);
        if (decided.Decision.Rejection is { } rejection) return Problems.Of(rejection);
        await using var query = store.QuerySession();
        return Results.Ok(View((await query.LoadAsync<StakeRecord>(StakeDecider.StreamId(nodeId), ct))!));
    }

    private static object View(StakeRecord s) => new
    {
        nodeId = s.NodeId, providerAccountId = s.ProviderAccountId, bonded = s.Bonded,
        unbonding = s.Unbondings.Select(u => new { amount = u.Amount, releasableAt = u.ReleasableAt }),
        slashed = s.Slashed, slashes = s.Slashes, shortfall = s.Shortfall, updatedAt = s.UpdatedAt,
    };
}
