using Depin.EventSourcing.Deciding;
using NodeDecision = Depin.EventSourcing.Deciding.Decision<Depin.NodeRegistry.Nodes.INodeEvent>;

namespace Depin.NodeRegistry.Nodes;

public static class NodeDecider
{
    public static readonly Decider<Node, INodeCommand, INodeEvent> Decider = new(Node.Initial, Node.Evolve, Decide);

    private const string Prefix = "node-";
    public static string StreamId(Guid nodeId) => Prefix + nodeId;
    public static Guid IdOf(string streamId) => Guid.Parse(streamId.AsSpan(Prefix.Length));

    public static NodeDecision Decide(INodeCommand command, Node node) => command switch
    {
        RegisterNode c => Register(c, node),
        _ when !node.Registered => NodeDecision.Reject(RejectionCode.NotFound, "the node is not registered"),
        MarkOffline c => node.Online ? NodeDecision.Accept(new NodeWentOffline(c.Now)) : NodeDecision.Nothing,
        MarkOnline c => node.Online ? NodeDecision.Nothing : NodeDecision.Accept(new NodeCameOnline(c.Now)),
        DrainNode c when !c.ByOperator && c.RequestedBy != node.ProviderAccountId => NodeDecision.Reject(RejectionCode.Forbidden, "only the node's provider or an operator may drain it"),
        DrainNode c => node.Draining ? NodeDecision.Nothing : NodeDecision.Accept(new NodeDrained(c.RequestedBy, c.Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown node command"),
    };

    private static NodeDecision Register(RegisterNode c, Node node)
    {
        if (!node.Registered)
            return NodeDecision.Accept(new NodeRegistered(c.NodeId, c.ProviderAccountId, c.Name, c.Region, c.Capabilities, c.PricePerUnit, c.Stake, c.Now,
                c.Offers, c.Accelerators));
        if (node.ProviderAccountId != c.ProviderAccountId) return NodeDecision.Reject(RejectionCode.Conflict, "the node belongs to another provider");
        var same = node.Region == c.Region && node.Capabilities.SequenceEqual(c.Capabilities) && node.Offers.SequenceEqual(c.Offers)
                   && node.Accelerators.SequenceEqual(c.Accelerators) && node.Stake == c.Stake && node.Online;
        return same
            ? NodeDecision.Nothing
            : NodeDecision.Accept(new NodeUpdated(c.ProviderAccountId, c.Name, c.Region, c.Capabilities, c.PricePerUnit, c.Stake, c.Now, c.Offers, c.Accelerators));
    }
}
