using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Tests;

/// <summary>Properties of placement over many random networks (seeded, so a failure replays): no starvation, no herding, slots hold.</summary>
public class PlacementFairnessTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Job Queued(Guid jobId, long maxPrice) => JobDecider.Decider.Fold([
        new JobSubmitted(jobId, Guid.NewGuid(), "matmul", "{}", maxPrice, 10, maxPrice * 10, T0.AddHours(1), 1, null, T0), new JobFunded(maxPrice * 10, T0)]);

    /// <summary>Places jobs one after another on the same nodes, counting each placement as the scheduler's round does.</summary>
    private static (List<NodeCandidate> Nodes, int Placed) Fill(List<NodeCandidate> nodes, int jobs, long maxPrice)
    {
        var placed = 0;
        for (var i = 0; i < jobs; i++)
        {
            var decision = JobDecider.Decide(new PlaceJob(nodes, TimeSpan.FromSeconds(30), T0), Queued(Guid.NewGuid(), maxPrice));
            if (decision.Events.OfType<JobAssigned>().SingleOrDefault() is not { } assigned) break;
            var at = nodes.FindIndex(n => n.NodeId == assigned.NodeId);
            nodes[at] = nodes[at] with { ActiveJobs = nodes[at].ActiveJobs + 1 };
            placed++;
        }
        return (nodes, placed);
    }

    [Fact]
    public void An_honest_newcomer_at_the_going_price_gets_work_before_established_nodes_are_full_and_no_node_exceeds_its_slots()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var price = random.Next(1, 10);
            var established = Enumerable.Range(0, random.Next(1, 8)).Select(_ => new NodeCandidate(Guid.NewGuid(), Guid.NewGuid(),
                NodeOffer.CpuOnly(price), "eu", ["matmul"], 0, random.Next(2, 9), 0.8 + random.NextDouble() * 0.2, random.Next(100))).ToList();
            var newcomer = new NodeCandidate(Guid.NewGuid(), Guid.NewGuid(), NodeOffer.CpuOnly(price), "eu", ["matmul"], 0, random.Next(2, 9));
            var slots = established.Sum(n => n.Slots) + newcomer.Slots;
            // Half the network's slots: the established nodes alone could take every one of these jobs.
            var (nodes, placed) = Fill([.. established, newcomer], slots / 2, maxPrice: 10);
            Assert.Equal(slots / 2, placed);
            Assert.True(nodes.Single(n => n.NodeId == newcomer.NodeId).ActiveJobs > 0, $"seed {seed}: the newcomer got nothing of {placed} jobs");
            Assert.All(nodes, n => Assert.True(n.ActiveJobs <= n.Slots, $"seed {seed}: {n.ActiveJobs} attempts on {n.Slots} slots"));
            // No herding: loads (running / slots) end within two slots' worth of each other.
            var loads = nodes.Select(n => (double)n.ActiveJobs / n.Slots).ToList();
            Assert.True(loads.Max() - loads.Min() <= 2.0 / nodes.Min(n => n.Slots) + 0.26, $"seed {seed}: loads {string.Join(", ", loads)}");
        }
    }

    [Fact]
    public void Once_every_slot_is_taken_nothing_more_is_placed_and_the_job_says_every_node_is_busy()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var random = new Random(seed);
            var nodes = Enumerable.Range(0, random.Next(1, 6)).Select(_ => new NodeCandidate(Guid.NewGuid(), Guid.NewGuid(),
                NodeOffer.CpuOnly(random.Next(1, 10)), "eu", ["matmul"], 0, random.Next(1, 5), random.NextDouble())).ToList();
            var slots = nodes.Sum(n => n.Slots);
            var (filled, placed) = Fill(nodes, slots + 3, maxPrice: 10);
            Assert.Equal(slots, placed);
            var waiting = Assert.IsType<JobWaiting>(Assert.Single(JobDecider.Decide(new PlaceJob(filled, TimeSpan.FromSeconds(30), T0), Queued(Guid.NewGuid(), 10)).Events));
            Assert.Equal($"every eligible node is busy ({slots} attempts running in {slots} slots)", waiting.Reason);
        }
    }

    [Fact]
    public void Equal_nodes_share_the_work_of_many_jobs_rather_than_the_lowest_id_taking_it_all()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => new NodeCandidate(Guid.NewGuid(), Guid.NewGuid(), NodeOffer.CpuOnly(5), "eu", ["matmul"], 0, 1000)).ToList();
        var first = new Dictionary<Guid, int>();
        for (var i = 0; i < 400; i++)
        {
            var assigned = Assert.IsType<JobAssigned>(Assert.Single(JobDecider.Decide(new PlaceJob(nodes, TimeSpan.FromSeconds(30), T0), Queued(Guid.NewGuid(), 10)).Events));
            first[assigned.NodeId] = first.GetValueOrDefault(assigned.NodeId) + 1;
        }
        // Idle and equal, each job picks by a hash of (job, node): every node takes a fair share, none all.
        Assert.Equal(4, first.Count);
        Assert.All(first.Values, n => Assert.InRange(n, 50, 150));
        Assert.True(PlacementScore.TieBreak(Guid.Empty, nodes[0].NodeId) != PlacementScore.TieBreak(Guid.Empty, nodes[1].NodeId));
    }
}
