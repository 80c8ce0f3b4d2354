namespace Depin.NodeRegistry.Nodes.Querying;

/// <summary>What anyone sees of a node (GET /api/nodes, /api/nodes/{id}).</summary>
public static class NodeView
{
    public static object Of(NodeRecord n, DateTimeOffset? lastSeen) => new
    {
        nodeId = n.NodeId, providerAccountId = n.ProviderAccountId, name = n.Name, region = n.Region, capabilities = n.Capabilities,
        pricePerUnit = n.PricePerUnit, offers = n.Offers, accelerators = n.Accelerators, stake = n.Stake, bondedStake = n.BondedStake,
        slots = n.Slots, status = n.Suspended || n.Understaked ? "suspended" : n.Draining ? "draining" : n.Online ? "online" : "offline", lastSeen, registeredAt = n.RegisteredAt,
        reputation = new
        {
            score = Math.Round(n.ReputationScore, 4), agreed = n.Agreed, wrongResults = n.WrongResults, timedOut = n.TimedOut,
            agreementStreak = n.AgreementStreak, suspended = n.Suspended || n.Understaked, suspendedReason = n.SuspendedReason ?? n.UnderstakedReason,
        },
    };
}
