using System.Security.Claims;
using Depin.NodeRegistry.Nodes.Registering;
using Depin.EventSourcing.Deciding;
using Depin.ServiceDefaults.EventLog;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Depin.NodeRegistry.Nodes.Querying;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.NodeRegistry.Nodes;

public static class NodesApi
{
    public static WebApplication MapNodesApi(this WebApplication app)
    {
        var nodes = app.MapGroup("/api/nodes").RequireAuthorization();
        nodes.MapPost("/", Register).RequireAuthorization(Roles.Provider);
        nodes.MapGet("/", List);
        nodes.MapGet("/{nodeId:guid}", Get);
        nodes.MapPost("/{nodeId:guid}/drain", Drain);
        nodes.MapPost("/{nodeId:guid}/reinstate", Reinstate).RequireAuthorization(Roles.Operator);
        return app;
    }

    /// <summary>Registering a name the provider already has re-registers that node (an executor restarting keeps its id).</summary>
    private static async Task<IResult> Register(RegisterNodeRequest request, ClaimsPrincipal user, HttpContext http, IQuerySession session,
        NodeCommandRunner runner, IOptions<RegistryOptions> options, TimeProvider time, CancellationToken ct)
    {
        var minimumStake = options.Value.MinimumStake;
        var errors = RegisterNodeValidation.Validate(request, minimumStake);
        if (errors.Count > 0) return Problems.BadRequest(errors);
        var provider = user.AccountId();
        var name = request.Name!;
        var existing = (await session.Query<NodeRecord>().Where(n => n.ProviderAccountId == provider && n.Name == name).FirstOrDefaultAsync(ct))?.NodeId;
        var nodeId = existing ?? Guid.CreateVersion7();
        var capabilities = request.Capabilities!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var command = new RegisterNode(nodeId, provider, request.Name!, request.Region!, capabilities, RegisterNodeValidation.Offers(request),
            RegisterNodeValidation.Accelerators(request), request.Stake ?? 0, time.GetUtcNow(), request.Slots ?? 1, minimumStake);
        var decided = await runner.RunAsync(nodeId, command, CorrelationId.Of(http), ct);
        if (decided.Decision.Rejection is { } rejection) return Problems.Of(rejection);
        var body = new
        {
            nodeId, name = request.Name, region = request.Region, capabilities, pricePerUnit = command.PricePerUnit, offers = command.Offers,
            stake = request.Stake ?? 0, slots = command.Slots,
        };
        return existing is null ? Results.Created($"/api/nodes/{nodeId}", body) : Results.Ok(body);
    }

    private static async Task<IResult> List(IQuerySession session, CancellationToken ct)
    {
        var nodes = await session.Query<NodeRecord>().OrderBy(n => n.RegisteredAt).ToListAsync(ct);
        var beats = (await session.LoadManyAsync<NodeBeat>(ct, nodes.Select(n => n.NodeId).ToArray())).ToDictionary(b => b.Id, b => b.LastSeen);
        return Results.Ok(nodes.Select(n => NodeView.Of(n, beats.TryGetValue(n.NodeId, out var seen) ? seen : n.OnlineSince)));
    }

    /// <summary>?version=N or ?at=T: the node as its stream had it then (last seen is the heartbeat's, so only for now).</summary>
    private static async Task<IResult> Get(Guid nodeId, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var (point, error) = PointInTime.Parse(http.Request.Query);
        if (error is not null) return Problems.BadRequest(error);
        var node = await session.LoadAsync<NodeRecord>(NodeDecider.StreamId(nodeId), ct);
        if (node is null) return Problems.NotFound($"node {nodeId} does not exist");
        if (point is null) return Results.Ok(NodeView.Of(node, (await session.LoadAsync<NodeBeat>(nodeId, ct))?.LastSeen ?? node.OnlineSince));
        var (then, problem) = await point.AggregateAsync<NodeRecord>(session, NodeDecider.StreamId(nodeId), $"node {nodeId}", ct);
        return problem ?? Results.Ok(NodeView.Of(then!, null));
    }

    public sealed record ReinstateRequest(string? Reason);

    /// <summary>Operators lift a suspension for reputation, saying why (it is recorded with the event).</summary>
    private static async Task<IResult> Reinstate(Guid nodeId, ReinstateRequest request, ClaimsPrincipal user, HttpContext http, NodeCommandRunner runner,
        TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500) return Problems.BadRequest("reason is required (at most 500 characters)");
        var decided = await runner.RunAsync(nodeId, new ReinstateNode(user.AccountId(), request.Reason.Trim(), time.GetUtcNow()), CorrelationId.Of(http), ct);
        return decided.Decision.Rejection is { } rejection
            ? Refused(nodeId, rejection)
            : Results.Accepted($"/api/nodes/{nodeId}", new { nodeId, status = decided.After.Barred ? "suspended" : "reinstated" });
    }

    private static async Task<IResult> Drain(Guid nodeId, ClaimsPrincipal user, HttpContext http, NodeCommandRunner runner, TimeProvider time, CancellationToken ct)
    {
        if (user.Role() is not (Roles.Provider or Roles.Operator)) return Problems.Forbidden("only the node's provider or an operator may drain it");
        var decided = await runner.RunAsync(nodeId, new DrainNode(user.AccountId(), user.Role() == Roles.Operator, time.GetUtcNow()), CorrelationId.Of(http), ct);
        return decided.Decision.Rejection is { } rejection
            ? Refused(nodeId, rejection)
            : Results.Accepted($"/api/nodes/{nodeId}", new { nodeId, status = "draining" });
    }

    /// <summary>The registry's rejection as problem details, naming the node when it does not exist.</summary>
    private static IResult Refused(Guid nodeId, Rejection rejection) =>
        Problems.Of(rejection.Code == RejectionCode.NotFound ? rejection with { Detail = $"node {nodeId} does not exist" } : rejection);
}
