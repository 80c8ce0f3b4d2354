using Depin.Contracts.Executor;
using MassTransit;
using Npgsql;

namespace Depin.NodeRegistry.Nodes.Liveness;

/// <summary>A beat only moves last_seen forward (idempotent, not an event); an offline node that beats comes back online.</summary>
public sealed class NodeHeartbeatConsumer(NpgsqlDataSource dataSource, NodeCommandRunner nodes, TimeProvider time) : IConsumer<NodeHeartbeat>
{
    public async Task Consume(ConsumeContext<NodeHeartbeat> context)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            "update nodes set last_seen = greatest(last_seen, $2) where node_id = $1 returning online");
        command.Parameters.Add(new() { Value = context.Message.NodeId });
        command.Parameters.Add(new() { Value = now });
        if (await command.ExecuteScalarAsync(context.CancellationToken) is false)
            await nodes.RunAsync(context.Message.NodeId, new MarkOnline(now), context.CorrelationId, context.CancellationToken);
    }
}
