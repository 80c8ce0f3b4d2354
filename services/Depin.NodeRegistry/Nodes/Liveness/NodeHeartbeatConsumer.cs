using Depin.Contracts.Executor;
using Depin.NodeRegistry.Nodes.Querying;
using Marten;
using MassTransit;

namespace Depin.NodeRegistry.Nodes.Liveness;

/// <summary>A beat only moves the node's last-seen time (a document, not an event); an offline node that beats comes back online.</summary>
public sealed class NodeHeartbeatConsumer(IDocumentStore store, NodeCommandRunner nodes, TimeProvider time) : IConsumer<NodeHeartbeat>
{
    public async Task Consume(ConsumeContext<NodeHeartbeat> context)
    {
        var now = time.GetUtcNow();
        var nodeId = context.Message.NodeId;
        await using var session = store.LightweightSession();
        var node = await session.LoadAsync<NodeRecord>(NodeDecider.StreamId(nodeId), context.CancellationToken);
        if (node is null) return;   // a beat from a node this registry does not know
        session.Store(new NodeBeat { Id = nodeId, LastSeen = now });
        await session.SaveChangesAsync(context.CancellationToken);
        if (!node.Online)
            await nodes.RunAsync(nodeId, new MarkOnline(now), context.CorrelationId, context.CancellationToken);
    }
}
