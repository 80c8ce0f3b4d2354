using Depin.Scheduler.Analytics;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Querying;
using Marten;

namespace Depin.Scheduler.Nodes;

public static class PlacementNodes
{
    /// <summary>Applies a node update unless the document already reflects a later version of the node's stream.</summary>
    public static Task ApplyAsync(IDocumentSession session, Guid nodeId, long version, Func<PlacementNode, PlacementNode> update, CancellationToken ct) =>
        ApplyIfNewerAsync(session, nodeId, version, n => n.Version, n =>
        {
            var updated = update(n);
            updated.Version = version;
            return updated;
        }, ct);

    /// <summary>
    /// Applies an update (which records the version it applies) unless the document's <paramref name="seen"/> version is
    /// already this one or later; false when it was not applied. Registry stream updates and reputation reports each keep a
    /// version of their own.
    /// </summary>
    public static async Task<bool> ApplyIfNewerAsync(IDocumentSession session, Guid nodeId, long version, Func<PlacementNode, long> seen,
        Func<PlacementNode, PlacementNode> update, CancellationToken ct)
    {
        var node = await session.LoadAsync<PlacementNode>(nodeId, ct) ?? new PlacementNode { Id = nodeId };
        if (seen(node) >= version) return false;
        session.Store(update(node));
        return true;
    }

    public static async Task<List<NodeCandidate>> OnlineCandidatesAsync(IQuerySession session, CancellationToken ct)
    {
        var nodes = await session.Query<PlacementNode>().Where(n => n.Online && !n.Draining && !n.Suspended).ToListAsync(ct);
        var load = (await JobReader.HoldingNodesAsync(session, ct)).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        // Measured speeds come from the analytics daemon's node-reliability documents (none while it catches up or rebuilds:
        // then leases are the base alone, renewed by the nodes' reports).
        var speeds = (await session.LoadManyAsync<NodeReliability>(ct, nodes.Select(n => n.Id))).ToDictionary(r => r.Id, r => r.Speeds);
        return nodes.Select(n => new NodeCandidate(n.Id, n.ProviderAccountId, n.OffersOrCpu,
            n.Region, n.Capabilities, load.GetValueOrDefault(n.Id), Math.Max(n.Slots, 1), n.Reputation ?? Contracts.NodeRegistry.NodeReputationChanged.Newcomer,
            n.AgreementStreak, speeds.GetValueOrDefault(n.Id))).ToList();
    }
}
