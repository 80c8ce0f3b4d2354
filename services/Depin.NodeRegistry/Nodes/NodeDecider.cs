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
        RecordVerdict c => Judge(c, node),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown node command"),
    };

    /// <summary>The verdict moves the reputation; the first that takes it under the threshold suspends the node.</summary>
    private static NodeDecision Judge(RecordVerdict c, Node node)
    {
        if (!Reputation.Known(c.Outcome)) return NodeDecision.Reject(RejectionCode.Invalid, $"unknown verdict outcome '{c.Outcome}'");
        var after = node.Standing.With(c.Outcome);
        var suspend = !node.Suspended && after.Score < c.SuspendBelow;
        var recorded = new NodeVerdictRecorded(c.VerdictId, c.JobId, c.Outcome, c.Reason, after.Score, after.Streak, node.Suspended || suspend, c.Now);
        return suspend
            ? NodeDecision.Accept(recorded, new NodeSuspended($"reputation {after.Score:F2} fell under {c.SuspendBelow:F2} after: {c.Reason}", after.Score, c.Now))
            : NodeDecision.Accept(recorded);
    }

    private static NodeDecision Register(RegisterNode c, Node node)
    {
        if (!node.Registered)
            return NodeDecision.Accept(new NodeRegistered(c.NodeId, c.ProviderAccountId, c.Name, c.Region, c.Capabilities, c.PricePerUnit, c.Stake, c.Now,
                c.Offers, c.Accelerators, c.Slots));
        if (node.ProviderAccountId != c.ProviderAccountId) return NodeDecision.Reject(RejectionCode.Conflict, "the node belongs to another provider");
        var same = node.Region == c.Region && node.Capabilities.SequenceEqual(c.Capabilities) && node.Offers.SequenceEqual(c.Offers)
                   && node.Accelerators.SequenceEqual(c.Accelerators) && node.Stake == c.Stake && node.Slots == c.Slots && node.Online;
        return same
            ? NodeDecision.Nothing
            : NodeDecision.Accept(new NodeUpdated(c.ProviderAccountId, c.Name, c.Region, c.Capabilities, c.PricePerUnit, c.Stake, c.Now, c.Offers, c.Accelerators,
                c.Slots));
    }
}
