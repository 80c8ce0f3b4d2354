using System.Security.Claims;
using Depin.NodeRegistry.Nodes.Registering;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Npgsql;

namespace Depin.NodeRegistry.Nodes;

public static class NodesApi
{
    public static WebApplication MapNodesApi(this WebApplication app)
    {
        var nodes = app.MapGroup("/api/nodes").RequireAuthorization();
        nodes.MapPost("/", Register).RequireAuthorization(Roles.Provider);
        nodes.MapGet("/", List);
        nodes.MapPost("/{nodeId:guid}/drain", Drain);
        return app;
    }

    /// <summary>Registering a name the provider already has re-registers that node (an executor restarting keeps its id).</summary>
    private static async Task<IResult> Register(RegisterNodeRequest request, ClaimsPrincipal user, HttpContext http, NpgsqlDataSource db,
        NodeCommandRunner runner, TimeProvider time, CancellationToken ct)
    {
        var errors = RegisterNodeValidation.Validate(request);
        if (errors.Count > 0) return Problems.BadRequest(errors);
        var provider = user.AccountId();
        await using var find = db.CreateCommand("select node_id from nodes where provider_account_id = $1 and name = $2");
        find.Parameters.Add(new() { Value = provider });
        find.Parameters.Add(new() { Value = request.Name! });
        var existing = await find.ExecuteScalarAsync(ct) as Guid?;
        var nodeId = existing ?? Guid.CreateVersion7();
        var capabilities = request.Capabilities!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var decided = await runner.RunAsync(nodeId, new RegisterNode(nodeId, provider, request.Name!, request.Region!, capabilities,
            request.PricePerUnit!.Value, request.Stake ?? 0, time.GetUtcNow()), CorrelationId.Of(http), ct);
        if (decided.Decision.Rejection is { } reason) return Problems.Conflict(reason);
        var body = new { nodeId, name = request.Name, region = request.Region, capabilities, pricePerUnit = request.PricePerUnit, stake = request.Stake ?? 0 };
        return existing is null ? Results.Created($"/api/nodes/{nodeId}", body) : Results.Ok(body);
    }

    private static async Task<IResult> List(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            select node_id, provider_account_id, name, region, capabilities, price_per_unit, stake, online, draining, last_seen, registered_at
            from nodes order by registered_at
            """);
        var nodes = new List<object>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            nodes.Add(new
            {
                nodeId = r.GetGuid(0), providerAccountId = r.GetGuid(1), name = r.GetString(2), region = r.GetString(3),
                capabilities = r.GetFieldValue<string[]>(4), pricePerUnit = r.GetInt64(5), stake = r.GetInt64(6),
                status = r.GetBoolean(8) ? "draining" : r.GetBoolean(7) ? "online" : "offline",
                lastSeen = r.GetFieldValue<DateTimeOffset>(9), registeredAt = r.GetFieldValue<DateTimeOffset>(10),
            });
        return Results.Ok(nodes);
    }

    private static async Task<IResult> Drain(Guid nodeId, ClaimsPrincipal user, HttpContext http, NodeCommandRunner runner, TimeProvider time, CancellationToken ct)
    {
        if (user.Role() is not (Roles.Provider or Roles.Operator)) return Problems.Forbidden("only the node's provider or an operator may drain it");
        var decided = await runner.RunAsync(nodeId, new DrainNode(user.AccountId(), user.Role() == Roles.Operator, time.GetUtcNow()), CorrelationId.Of(http), ct);
        return decided.Decision.Rejection switch
        {
            "the node is not registered" => Problems.NotFound($"node {nodeId} does not exist"),
            { } reason => Problems.Forbidden(reason),
            null => Results.Accepted($"/api/nodes/{nodeId}", new { nodeId, status = "draining" }),
        };
    }
}
