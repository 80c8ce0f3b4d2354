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
        RecordStake c => c.Version <= node.StakeVersion ? NodeDecision.Nothing : Weigh(c, node),
        ReinstateNode c => node.Suspended
            ? NodeDecision.Accept(new NodeReinstated($"reinstated by an operator: {c.Reason}", c.Now, NodeSuspended.ForReputation, node.Standing.Score,
                node.Standing.Streak, node.Understaked))
            : NodeDecision.Reject(RejectionCode.Conflict, "the node is not suspended for its reputation"),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown node command"),
    };

    /// <summary>The verdict moves the reputation; the first that takes it under the threshold suspends the node.</summary>
    private static NodeDecision Judge(RecordVerdict c, Node node)
    {
        if (!Reputation.Known(c.Outcome)) return NodeDecision.Reject(RejectionCode.Invalid, $"unknown verdict outcome '{c.Outcome}'");
        var after = node.Standing.With(c.Outcome);
        var suspend = !node.Suspended && after.Score < c.SuspendBelow;
        var recorded = new NodeVerdictRecorded(c.VerdictId, c.JobId, c.Outcome, c.Reason, after.Score, after.Streak, node.Barred || suspend, c.Now);
        return suspend
            ? NodeDecision.Accept(recorded, new NodeSuspended($"reputation {after.Score:F2} fell under {c.SuspendBelow:F2} after: {c.Reason}", after.Score, c.Now,
                NodeSuspended.ForReputation))
            : NodeDecision.Accept(recorded);
    }

    /// <summary>The bonded stake billing reports: under a positive minimum the node is suspended, back at it the suspension lifts.</summary>
    private static NodeDecision Weigh(RecordStake c, Node node)
    {
        var under = c.MinimumStake > 0 && c.Bonded < c.MinimumStake;
        var standing = node.Standing;
        var recorded = new NodeStakeRecorded(c.Bonded, c.Version, standing.Score, standing.Streak, node.Suspended || under, c.Now);
        return (under, node.Understaked) switch
        {
            (true, false) => NodeDecision.Accept(recorded,
                new NodeSuspended($"bonded stake {c.Bonded} is under the minimum of {c.MinimumStake}", standing.Score, c.Now, NodeSuspended.ForStake)),
            (false, true) => NodeDecision.Accept(recorded, new NodeReinstated($"bonded stake {c.Bonded} meets the minimum of {c.MinimumStake}", c.Now)),
            _ => NodeDecision.Accept(recorded),
        };
    }

    private static NodeDecision Register(RegisterNode c, Node node)
    {
        if (!node.Registered)
            return NodeDecision.Accept(new NodeRegistered(c.NodeId, c.ProviderAccountId, c.Name, c.Region, c.Capabilities, c.PricePerUnit, c.Stake, c.Now,
                c.Offers, c.Accelerators, c.Slots, AwaitingStake: c.MinimumStake > 0));
        if (node.ProviderAccountId != c.ProviderAccountId) return NodeDecision.Reject(RejectionCode.Conflict, "the node belongs to another provider");
        var same = node.Region == c.Region && node.Capabilities.SequenceEqual(c.Capabilities) && node.Offers.SequenceEqual(c.Offers)
                   && node.Accelerators.SequenceEqual(c.Accelerators) && node.Stake == c.Stake && node.Slots == c.Slots && node.Online;
        // A minimum raised since the node last staked bars it from the next registration on (until billing reports enough stake).
        var understaked = c.MinimumStake > 0 && node.Bonded < c.MinimumStake && !node.Understaked;
        List<INodeEvent> events = same ? [] : [new NodeUpdated(c.ProviderAccountId, c.Name, c.Region, c.Capabilities, c.PricePerUnit, c.Stake, c.Now,
            c.Offers, c.Accelerators, c.Slots)];
        if (understaked)
        {
            // The stake weighed against the new minimum: its record carries the suspension to the scheduler.
            events.Add(new NodeStakeRecorded(node.Bonded, node.StakeVersion, node.Standing.Score, node.Standing.Streak, true, c.Now));
            events.Add(new NodeSuspended($"bonded stake {node.Bonded} is under the minimum of {c.MinimumStake}", node.Standing.Score, c.Now, NodeSuspended.ForStake));
        }
        return events.Count == 0 ? NodeDecision.Nothing : NodeDecision.Accept([.. events]);
    }
}
