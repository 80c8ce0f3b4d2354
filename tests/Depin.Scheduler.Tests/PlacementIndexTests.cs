using Depin.Compute.Backends;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Tests;

/// <summary>
/// The node pool's price index must choose exactly what looking at every node would: over random networks (prices, device
/// classes, GPU memory, regions in either case, kernels, full nodes, reputations) and random jobs, <see cref="Eligibility.Best"/>
/// agrees with a plain scan that scores every eligible node on its cheapest acceptable offer.
/// </summary>
public class PlacementIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Kernels = ["matmul", "montecarlo", "stencil", "hash"];
    private static readonly string[] Regions = ["eu", "EU", "us", "ap"];

    /// <summary>What placement chose before the index: every node looked at.</summary>
    private static (Guid NodeId, DeviceClass Class)? Scan(Job job, IReadOnlyList<NodeCandidate> nodes, IReadOnlySet<Guid> taken)
    {
        (Guid, DeviceClass)? best = null;
        var (bestScore, bestTie) = (double.MaxValue, 0UL);
        foreach (var node in nodes)
        {
            if (!node.HasFreeSlot || taken.Contains(node.NodeId) || !node.Capabilities.Contains(job.Kernel)) continue;
            if (job.Region is { } region && !string.Equals(region, node.Region, StringComparison.OrdinalIgnoreCase)) continue;
            var offer = node.Offers.Where(o => job.Device.AcceptsClass(o) && job.Device.AcceptsMemory(o) && o.PricePerUnit <= job.MaxPricePerUnit)
                .MinBy(o => o.PricePerUnit);
            if (offer is null) continue;
            var (score, tie) = (PlacementScore.Of(job, node, offer), PlacementScore.TieBreak(job.JobId, node.NodeId));
            if (score < bestScore || (score == bestScore && tie < bestTie)) (best, bestScore, bestTie) = ((node.NodeId, offer.DeviceClass), score, tie);
        }
        return best;
    }

    private static List<NodeCandidate> Network(Random random, int count)
    {
        var providers = Enumerable.Range(0, Math.Max(1, count / 3)).Select(_ => Guid.NewGuid()).ToArray();
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            List<NodeOffer> offers = random.Next(4) switch
            {
                0 => [new NodeOffer(DeviceClass.Gpu, random.Next(1, 30), random.Next(1, 80) * 1024L)],
                1 => [new NodeOffer(DeviceClass.Cpu, random.Next(1, 30), null), new NodeOffer(DeviceClass.Gpu, random.Next(1, 30), random.Next(1, 80) * 1024L)],
                _ => [.. NodeOffer.CpuOnly(random.Next(1, 30))],
            };
            var slots = random.Next(1, 6);
            return new NodeCandidate(Guid.NewGuid(), providers[random.Next(providers.Length)], offers, Regions[random.Next(Regions.Length)],
                Kernels.Where(_ => random.Next(3) > 0).DefaultIfEmpty("matmul").ToList(), random.Next(slots + 1), slots, random.NextDouble(), random.Next(30));
        })];
    }

    private static Job NewJob(string kernel, long maxPrice, int replication, string? region, DeviceRequest device)
    {
        var submitted = JobDecider.Decide(new SubmitJob(Guid.NewGuid(), Guid.NewGuid(), kernel, "{}", maxPrice, 10, T0.AddHours(1), replication, region, device, T0),
            Job.Initial).Events;
        return JobDecider.Decider.Fold([.. submitted, new JobFunded(10_000, T0)]);
    }

    private static Job RandomJob(Random random)
    {
        var device = random.Next(4) switch
        {
            0 => new DeviceRequest(DeviceClass.Cpu, null),
            1 => new DeviceRequest(DeviceClass.Gpu, random.Next(2) == 0 ? null : random.Next(1, 80) * 1024L),
            _ => DeviceRequest.Any,
        };
        return NewJob(Kernels[random.Next(Kernels.Length)], random.Next(1, 30), random.Next(2) + 1, random.Next(3) == 0 ? Regions[random.Next(Regions.Length)] : null,
            device);
    }

    [Fact]
    public void The_index_chooses_the_node_and_offer_a_scan_of_every_node_would()
    {
        var placed = 0;
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var nodes = Network(random, random.Next(0, 60));
            var pool = new NodePool(nodes);
            for (var j = 0; j < 10; j++)
            {
                var job = RandomJob(random);
                var taken = nodes.Where(_ => random.Next(6) == 0).Select(n => n.NodeId).ToHashSet();
                var expected = Scan(job, nodes, taken);
                var chosen = Eligibility.Best(job, pool, taken) is var (node, offer) ? (node.NodeId, offer.DeviceClass) : ((Guid, DeviceClass)?)null;
                Assert.True(expected == chosen, $"seed {seed}, job {j}: scan chose {expected}, the index {chosen}");
                if (chosen is not null) placed++;
            }
        }
        Assert.True(placed > 1_000, $"only {placed} of 4,000 decisions placed anything: the property says little");
    }

    [Fact]
    public void A_placement_counted_in_the_pool_fills_the_node()
    {
        var node = new NodeCandidate(Guid.NewGuid(), Guid.NewGuid(), NodeOffer.CpuOnly(5), "eu", ["matmul"], 0, Slots: 1);
        var pool = new NodePool([node]);
        var job = NewJob("matmul", 10, 1, "EU", DeviceRequest.Any);
        Assert.Equal(node.NodeId, Eligibility.Best(job, pool)?.Node.NodeId);
        pool.CountAssignment(node.NodeId);
        Assert.False(pool[0].HasFreeSlot);
        Assert.Null(Eligibility.Best(job, pool));
    }
}
