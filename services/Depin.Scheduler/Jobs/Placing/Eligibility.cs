using Depin.Compute.Backends;
using Depin.Scheduler.Jobs.Verifying;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// Which online node and which of its offers a job's next attempt may run on, and, when none, why: the first of kernel,
/// region, device class, GPU memory, price, free slots and distinct providers that no node satisfies, so the client
/// learns what to change (or that it only has to wait).
/// </summary>
public static class Eligibility
{
    /// <summary>
    /// The best eligible node by <see cref="PlacementScore"/>, and on it the cheapest offer the job accepts at its price.
    /// Taken: nodes this decision already placed a replica on.
    /// </summary>
    /// <remarks>
    /// Walks the pool's offers of the job's kernel (in its region) cheapest first. An entry's price term plus its recorded
    /// standing is a floor on its score; within a price entries come by standing, so the rest of a price is skipped once that
    /// floor passes the best score found, and the walk ends at the first price whose price term alone does. A node's offers
    /// come in price order, so the first of them scored is the one it would run the job on, and its dearer ones score worse.
    /// </remarks>
    public static (NodeCandidate Node, NodeOffer Offer)? Best(Job job, NodePool candidates, IReadOnlySet<Guid>? taken = null)
    {
        (NodeCandidate Node, NodeOffer Offer)? best = null;
        var bestScore = double.MaxValue;
        var bestTie = 0UL;
        var peers = Peers.Of(job);
        var offering = candidates.Offering(job.Kernel, job.Region);
        for (var i = 0; i < offering.Length; i++)
        {
            var entry = offering[i];
            if (entry.Price > job.MaxPricePerUnit) break;
            var priceTerm = PlacementScore.PriceTerm(entry.Price, job.MaxPricePerUnit);
            if (priceTerm > bestScore) break;
            if (priceTerm + entry.Standing > bestScore)
            {
                i = entry.NextPrice - 1;   // the rest of this price stands no better
                continue;
            }
            var node = candidates[entry.Node];
            var offer = node.Offers[entry.Offer];
            if (!node.HasFreeSlot || taken?.Contains(node.NodeId) == true || !peers.Admit(node)) continue;
            if (!Accepts(job, offer) || !peers.AdmitClass(offer.DeviceClass)) continue;
            var score = PlacementScore.Of(job, node, offer);
            var tie = PlacementScore.TieBreak(job.JobId, node.NodeId);
            if (score < bestScore || (score == bestScore && tie < bestTie)) (best, bestScore, bestTie) = ((node, offer), score, tie);
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
        var affordable = nodes.Where(n => n.Offers.Any(o => Accepts(job, o))).ToList();
        if (affordable.Count == 0)
            return $"every node that could run it asks more than your maxPricePerUnit of {job.MaxPricePerUnit} (lowest on offer: {roomy.Min(o => o.PricePerUnit)})";
        var peers = Peers.Of(job);
        if (peers.Distinct && !affordable.Any(peers.Admit))
            return $"replication {job.Replication} needs nodes of {job.Replication} distinct providers; " +
                   $"only {affordable.Select(n => n.ProviderAccountId).Distinct().Count()} provider(s) can run it";
        return $"every eligible node is busy ({affordable.Sum(n => n.ActiveJobs)} attempts running in {affordable.Sum(n => n.Slots)} slots)";
    }

    private static bool Accepts(Job job, NodeOffer o) => Accepts(job.Device, job.MaxPricePerUnit, o);

    /// <summary>Whether an offer is of the device asked for, at no more than the price offered (what the sweep's sieve checks too).</summary>
    internal static bool Accepts(DeviceRequest device, long maxPricePerUnit, NodeOffer o) =>
        device.AcceptsClass(o) && device.AcceptsMemory(o) && o.PricePerUnit <= maxPricePerUnit;

    private static bool RunsKernel(Job job, NodeCandidate node) => node.Capabilities.Contains(job.Kernel, StringComparer.Ordinal);

    private static bool InRegion(Job job, NodeCandidate node) => job.Region is null || string.Equals(node.Region, job.Region, StringComparison.OrdinalIgnoreCase);

    private static string InRegionText(Job job) => job.Region is null ? "" : $" in region '{job.Region}'";

    /// <summary>
    /// The replicas a new attempt of a replicated job must differ from: not a node, nor a provider, already running or
    /// reported for it (one provider's nodes cannot outvote another's); and for a floating-point kernel, the same device
    /// class as the first, as only those results compare.
    /// </summary>
    private sealed class Peers
    {
        private readonly HashSet<Guid> _providers = [];
        private DeviceClass? _class;

        public bool Distinct { get; private init; }

        public static Peers Of(Job job)
        {
            var peers = new Peers { Distinct = job.Replication > 1 };
            if (!peers.Distinct) return peers;
            foreach (var a in job.InFlight) peers._providers.Add(a.ProviderAccountId);
            foreach (var r in job.Results) peers._providers.Add(r.ProviderAccountId);
            if (!ResultAgreement.IsExact(job.Kernel))
                peers._class = job.Results.Count > 0 ? job.Results[0].DeviceClass : job.InFlight.Count > 0 ? job.InFlight[0].DeviceClass : null;
            return peers;
        }

        public bool Admit(NodeCandidate node) => !Distinct || !_providers.Contains(node.ProviderAccountId);

        public bool AdmitClass(DeviceClass deviceClass) => _class is not { } only || only == deviceClass;
    }
}
