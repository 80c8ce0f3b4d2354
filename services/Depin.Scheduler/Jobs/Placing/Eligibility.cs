using Depin.Compute.Backends;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// Which online node and which of its offers a job may run on, and, when none, why: the first of kernel, region,
/// device class, GPU memory and price that no node satisfies, so the client learns what to change.
/// </summary>
public static class Eligibility
{
    /// <summary>
    /// The best node: one that never lost this job before, then the least loaded, then the cheapest, then by id (stable).
    /// On each node, the cheapest offer the job accepts at its price.
    /// </summary>
    public static (NodeCandidate Node, NodeOffer Offer)? Best(Job job, IReadOnlyList<NodeCandidate> candidates)
    {
        (NodeCandidate Node, NodeOffer Offer)? best = null;
        foreach (var node in candidates)
        {
            if (!RunsKernel(job, node) || !InRegion(job, node)) continue;
            NodeOffer? offer = null;
            foreach (var o in node.Offers)
                if (job.Device.AcceptsClass(o) && job.Device.AcceptsMemory(o) && o.PricePerUnit <= job.MaxPricePerUnit && (offer is null || o.PricePerUnit < offer.PricePerUnit))
                    offer = o;
            if (offer is not null && (best is not { } b || Better(job, node, offer, b.Node, b.Offer))) best = (node, offer);
        }
        return best;
    }

    /// <summary>Why <see cref="Best"/> found nothing, in words for the client.</summary>
    public static string WhyNone(Job job, IReadOnlyList<NodeCandidate> candidates)
    {
        if (candidates.Count == 0) return "no node is online";
        var nodes = candidates.Where(n => RunsKernel(job, n)).ToList();
        if (nodes.Count == 0) return $"no online node runs kernel '{job.Kernel}'";
        nodes = nodes.Where(n => InRegion(job, n)).ToList();
        if (nodes.Count == 0) return $"no online node in region '{job.Region}' runs kernel '{job.Kernel}'";
        var offers = nodes.SelectMany(n => n.Offers).Where(job.Device.AcceptsClass).ToList();
        if (offers.Count == 0) return $"no online node that runs '{job.Kernel}'{InRegionText(job)} offers {job.Device}";
        var roomy = offers.Where(job.Device.AcceptsMemory).ToList();
        if (roomy.Count == 0)
            return $"no online node offers {job.Device}{InRegionText(job)} (the largest GPU on offer has {offers.Max(o => o.GpuMemoryMiB ?? 0)} MiB)";
        return $"every node that could run it asks more than your maxPricePerUnit of {job.MaxPricePerUnit} (lowest on offer: {roomy.Min(o => o.PricePerUnit)})";
    }

    private static bool RunsKernel(Job job, NodeCandidate node) => node.Capabilities.Contains(job.Kernel, StringComparer.Ordinal);

    private static bool InRegion(Job job, NodeCandidate node) => job.Region is null || string.Equals(node.Region, job.Region, StringComparison.OrdinalIgnoreCase);

    private static string InRegionText(Job job) => job.Region is null ? "" : $" in region '{job.Region}'";

    private static bool Better(Job job, NodeCandidate node, NodeOffer offer, NodeCandidate than, NodeOffer thanOffer)
    {
        var (tried, thanTried) = (job.TriedNodes.Contains(node.NodeId), job.TriedNodes.Contains(than.NodeId));
        if (tried != thanTried) return !tried;   // a node that lost this job before comes last
        if (node.ActiveJobs != than.ActiveJobs) return node.ActiveJobs < than.ActiveJobs;
        if (offer.PricePerUnit != thanOffer.PricePerUnit) return offer.PricePerUnit < thanOffer.PricePerUnit;
        return node.NodeId.CompareTo(than.NodeId) < 0;
    }
}
