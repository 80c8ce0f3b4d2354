using System.Collections;
using System.Runtime.CompilerServices;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// The online nodes one placement round chooses among, indexed so that a decision need not look at every node: for each
/// kernel, and for each kernel in each region, every offer of every node that runs it, by price, and within a price by the
/// node's standing (load and reputation, <see cref="PlacementScore.Standing"/>) as the round began. Both only grow during the
/// round (<see cref="CountAssignment"/> raises loads), so an entry's recorded price term plus standing bounds its score from
/// below, and <see cref="Eligibility.Best"/> stops a price as soon as that bound passes the best score found, and the walk
/// at the first price whose price term alone does. Built once per round (O(offers × kernels × log)); a decision among
/// 100,000 nodes then reads a handful of entries per price it visits.
/// </summary>
[CollectionBuilder(typeof(NodePool), nameof(Create))]
public sealed class NodePool : IReadOnlyList<NodeCandidate>
{
    /// <summary>
    /// One offer of one node in an index: its price, the node's standing when the round began, where the node and the offer
    /// are, and where the entries of the next price start.
    /// </summary>
    public readonly record struct Entry(long Price, double Standing, int Node, int Offer, int NextPrice);

    private readonly NodeCandidate[] _nodes;
    private readonly Dictionary<Guid, int> _positions;
    private readonly Dictionary<(string Kernel, string Region), Entry[]> _offering;
    private const string AnyRegion = "";

    public NodePool(IEnumerable<NodeCandidate> candidates)
    {
        _nodes = [.. candidates];
        _positions = new Dictionary<Guid, int>(_nodes.Length);
        var offering = new Dictionary<(string, string), List<Entry>>();
        for (var n = 0; n < _nodes.Length; n++)
        {
            var node = _nodes[n];
            _positions[node.NodeId] = n;
            var region = node.Region.ToLowerInvariant();
            foreach (var kernel in node.Capabilities.Distinct(StringComparer.Ordinal))
                for (var o = 0; o < node.Offers.Count; o++)
                {
                    var entry = new Entry(node.Offers[o].PricePerUnit, PlacementScore.Standing(node), n, o, 0);
                    Add(offering, (kernel, AnyRegion), entry);
                    Add(offering, (kernel, region), entry);
                }
        }
        _offering = offering.ToDictionary(p => p.Key, p =>
        {
            var entries = p.Value.ToArray();
            // Ties in node order, then offer order: a node's equally cheap offers come in the order it lists them.
            Array.Sort(entries, static (a, b) =>
                a.Price != b.Price ? a.Price.CompareTo(b.Price)
                : a.Standing != b.Standing ? a.Standing.CompareTo(b.Standing)
                : a.Node != b.Node ? a.Node.CompareTo(b.Node) : a.Offer.CompareTo(b.Offer));
            for (int end = entries.Length, i = end - 1; i >= 0; i--)
            {
                if (i + 1 < entries.Length && entries[i + 1].Price != entries[i].Price) end = i + 1;
                entries[i] = entries[i] with { NextPrice = end };
            }
            return entries;
        });
    }

    public static NodePool Create(ReadOnlySpan<NodeCandidate> candidates) => new(candidates.ToArray());

    public static implicit operator NodePool(List<NodeCandidate> candidates) => new(candidates);

    public static implicit operator NodePool(NodeCandidate[] candidates) => new(candidates);

    public int Count => _nodes.Length;

    public NodeCandidate this[int index] => _nodes[index];

    /// <summary>The offers of nodes that run the kernel (in the region, if one is named), cheapest first.</summary>
    public ReadOnlySpan<Entry> Offering(string kernel, string? region) =>
        _offering.TryGetValue((kernel, region?.ToLowerInvariant() ?? AnyRegion), out var entries) ? entries : [];

    /// <summary>A pool of this one node, if it is in this pool (a probe is placed on its node or nowhere).</summary>
    public NodePool Only(Guid nodeId) => _positions.TryGetValue(nodeId, out var n) ? new NodePool([_nodes[n]]) : new NodePool([]);

    /// <summary>One more attempt running on the node (placed by this round), so the next decision of the round sees it.</summary>
    public void CountAssignment(Guid nodeId)
    {
        if (_positions.TryGetValue(nodeId, out var n)) _nodes[n] = _nodes[n] with { ActiveJobs = _nodes[n].ActiveJobs + 1 };
    }

    public IEnumerator<NodeCandidate> GetEnumerator() => ((IEnumerable<NodeCandidate>)_nodes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void Add(Dictionary<(string, string), List<Entry>> offering, (string, string) key, Entry entry)
    {
        if (!offering.TryGetValue(key, out var list)) offering[key] = list = [];
        list.Add(entry);
    }
}
