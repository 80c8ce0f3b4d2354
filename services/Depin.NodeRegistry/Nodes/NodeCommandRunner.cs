using Depin.EventSourcing.Deciding;
using Marten;

namespace Depin.NodeRegistry.Nodes;

public sealed class NodeCommandRunner(IDocumentStore store)
{
    public Task<Decided<Node, INodeEvent>> RunAsync(Guid nodeId, INodeCommand command, Guid? correlationId, CancellationToken ct) =>
        store.DecideAndSaveAsync(NodeDecider.StreamId(nodeId), NodeDecider.Decider, command, correlationId, ct);
}
