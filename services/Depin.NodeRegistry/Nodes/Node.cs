namespace Depin.NodeRegistry.Nodes;

public sealed record Node(Guid NodeId, bool Registered, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities,
    IReadOnlyList<NodeOffer> Offers, IReadOnlyList<NodeAccelerator> Accelerators, long Stake, bool Online, bool Draining)
{
    public static readonly Node Initial = new(Guid.Empty, false, Guid.Empty, "", "", [], [], [], 0, false, false);

    public static Node Evolve(Node state, INodeEvent @event) => @event switch
    {
        NodeRegistered e => new Node(e.NodeId, true, e.ProviderAccountId, e.Name, e.Region, e.Capabilities, e.Offers,
            e.Accelerators, e.Stake, true, false),
        NodeUpdated e => state with
        {
            Region = e.Region, Capabilities = e.Capabilities, Offers = e.Offers, Accelerators = e.Accelerators,
            Stake = e.Stake, Online = true,
        },
        NodeWentOffline => state with { Online = false },
        NodeCameOnline => state with { Online = true },
        NodeDrained => state with { Draining = true },
        _ => state,
    };
}
