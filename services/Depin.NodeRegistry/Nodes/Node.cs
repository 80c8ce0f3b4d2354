namespace Depin.NodeRegistry.Nodes;

public sealed record Node(Guid NodeId, bool Registered, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities,
    IReadOnlyList<NodeOffer> Offers, IReadOnlyList<NodeAccelerator> Accelerators, long Stake, bool Online, bool Draining, int Slots = 1,
    Reputation? Reputation = null, bool Suspended = false, long Bonded = 0, long StakeVersion = 0, bool Understaked = false)
{
    public static readonly Node Initial = new(Guid.Empty, false, Guid.Empty, "", "", [], [], [], 0, false, false);

    public Reputation Standing => Reputation ?? Nodes.Reputation.Newcomer;

    /// <summary>Given no work: suspended for its reputation (until an operator reinstates it) or its stake (until topped up).</summary>
    public bool Barred => Suspended || Understaked;

    public static Node Evolve(Node state, INodeEvent @event) => @event switch
    {
        NodeRegistered e => new Node(e.NodeId, true, e.ProviderAccountId, e.Name, e.Region, e.Capabilities, e.Offers,
            e.Accelerators, e.Stake, true, false, e.Slots ?? 1, Understaked: e.AwaitingStake),
        NodeUpdated e => state with
        {
            Region = e.Region, Capabilities = e.Capabilities, Offers = e.Offers, Accelerators = e.Accelerators,
            Stake = e.Stake, Online = true, Slots = e.Slots ?? 1,
        },
        NodeWentOffline => state with { Online = false },
        NodeCameOnline => state with { Online = true },
        NodeDrained => state with { Draining = true },
        NodeVerdictRecorded e => state with { Reputation = state.Standing.With(e.Outcome) },
        NodeStakeRecorded e => state with { Bonded = e.Bonded, StakeVersion = e.StakeVersion },
        NodeSuspended { ForStakeOnly: true } => state with { Understaked = true },
        NodeSuspended => state with { Suspended = true },
        NodeReinstated { ForReputation: true } => state with { Suspended = false },
        NodeReinstated => state with { Understaked = false },
        _ => state,
    };
}
