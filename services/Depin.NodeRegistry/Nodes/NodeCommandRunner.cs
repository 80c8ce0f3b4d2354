using Depin.EventStore.Deciding;

namespace Depin.NodeRegistry.Nodes;

public sealed class NodeCommandRunner(EventStore.EventStore store)
{
    public Task<Decided<Node, INodeEvent>> RunAsync(Guid nodeId, INodeCommand command, Guid? correlationId, CancellationToken ct) =>
        ConflictRetry.RunAsync(async () =>
        {
            await using var session = store.OpenSession(correlationId);
            var decided = await session.DecideAsync(NodeDecider.StreamId(nodeId), NodeDecider.Decider, command, ct);
            await session.SaveChangesAsync(ct);
            return decided;
        });
}
