using Depin.EventStore.Deciding;

namespace Depin.NodeRegistry.Nodes;

public sealed class NodeCommandRunner(EventStore.EventStore store)
{
    public Task<Decided<Node, INodeEvent>> RunAsync(Guid nodeId, INodeCommand command, Guid? correlationId, CancellationToken ct) =>
        store.DecideAndSaveAsync(NodeDecider.StreamId(nodeId), NodeDecider.Decider, command, correlationId, ct);
}
