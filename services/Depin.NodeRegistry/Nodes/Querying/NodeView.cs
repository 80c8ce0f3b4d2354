namespace Depin.NodeRegistry.Nodes.Querying;

/// <summary>What anyone sees of a node (GET /api/nodes, /api/nodes/{id}).</summary>
public static class NodeView
{
    public static object Of(NodeRecord n, DateTimeOffset? lastSeen) => new
    {
        nodeId = n.NodeId, providerAccountId = n.ProviderAccountId, name = n.Name, region = n.Region, capabilities = n.Capabilities,
        pricePerUnit = n.PricePerUnit, offers = n.Offers, accelerators = n.Accelerators, stake = n.Stake,
        status = n.Draining ? "draining" : n.Online ? "online" : "offline", lastSeen, registeredAt = n.RegisteredAt,
    };
}
