using Depin.Compute.Backends;
using Depin.Scheduler.Analytics;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Tests;

/// <summary>Leases that allow for the run a job should take on its node: its estimated units over the node's measured speed.</summary>
public class LeaseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid JobId = Guid.NewGuid(), Client = Guid.NewGuid(), Provider = Guid.NewGuid();
    private static readonly LeaseTerms Terms = new(TimeSpan.FromSeconds(30), 3, TimeSpan.FromHours(1));

    /// <summary>100 units, due in 5 minutes.</summary>
    private static readonly IJobEvent[] Queued =
        [new JobSubmitted(JobId, Client, "matmul", """{"n":64}""", 10, 100, 1000, T0.AddMinutes(5), 1, null, T0), new JobFunded(1000, T0)];

    private static NodeCandidate Node(double? cpuUnitsPerSecond) =>
        new(Guid.NewGuid(), Provider, NodeOffer.CpuOnly(5), "eu", ["matmul"], 0,
            Speeds: cpuUnitsPerSecond is { } speed ? [new DeviceSpeed(DeviceClass.Cpu, speed, 1, 1)] : null);

    private static JobAssigned Place(NodeCandidate node) =>
        Assert.IsType<JobAssigned>(Assert.Single(JobDecider.Decider.When(new PlaceJob([node], Terms, T0), Queued).Events));

    [Fact]
    public void A_node_of_known_speed_gets_the_base_plus_slack_times_the_run_it_should_take()
    {
        var assigned = Place(Node(cpuUnitsPerSecond: 10));   // 100 units at 10 a second: a 10 s run
        Assert.Equal((10.0, T0.AddSeconds(30 + 3 * 10)), (assigned.ExpectedSeconds, assigned.LeaseUntil));
    }

    [Fact]
    public void A_node_of_unknown_speed_gets_the_base_alone()
    {
        var assigned = Place(Node(cpuUnitsPerSecond: null));
        Assert.Equal(((double?)null, T0.AddSeconds(30)), (assigned.ExpectedSeconds, assigned.LeaseUntil));
    }

    [Fact]
    public void A_slow_node_is_given_no_longer_than_the_longest_lease_or_the_deadline()
    {
        Assert.Equal(T0.AddMinutes(5), Place(Node(cpuUnitsPerSecond: 0.01)).LeaseUntil);   // 10,000 s: the deadline comes first
        Assert.Equal(TimeSpan.FromHours(1), Terms.For(1e9));
    }

    [Fact]
    public void A_start_renews_the_lease_for_the_whole_run_and_progress_for_the_part_left()
    {
        var assigned = Place(Node(cpuUnitsPerSecond: 10));
        var given = Queued.Append(assigned).ToArray();
        var started = Assert.IsType<JobStarted>(Assert.Single(JobDecider.Decider.When(new RecordStarted(assigned.NodeId, 1, Terms, T0.AddSeconds(2)), given).Events));
        Assert.Equal(T0.AddSeconds(2 + 30 + 30), started.LeaseUntil);
        var progressed = Assert.IsType<JobProgressed>(Assert.Single(
            JobDecider.Decider.When(new RecordProgress(assigned.NodeId, 1, 0.5, Terms, T0.AddSeconds(10)), [.. given, started]).Events));
        Assert.Equal(T0.AddSeconds(10 + 30 + 15), progressed.LeaseUntil);
    }

    [Fact]
    public void A_speed_weighs_runs_by_their_length_and_forgets_old_ones()
    {
        var speeds = DeviceSpeed.Measure([], DeviceClass.Cpu, 100, 1);
        speeds = DeviceSpeed.Measure(speeds, DeviceClass.Cpu, 1000, 1);
        speeds = DeviceSpeed.Measure(speeds, DeviceClass.Gpu, 5000, 0);        // said to take no time: counted as the shortest run
        speeds = DeviceSpeed.Measure(speeds, DeviceClass.Cpu, 1000, null);     // no time said: not a measurement
        var cpu = Assert.Single(speeds, s => s.DeviceClass == DeviceClass.Cpu);
        Assert.Equal((2L, (100 * 0.9 + 1000) / (1 * 0.9 + 1)), (cpu.Samples, cpu.UnitsPerSecond));
        Assert.Equal(5000 / DeviceSpeed.ShortestRun, Assert.Single(speeds, s => s.DeviceClass == DeviceClass.Gpu).UnitsPerSecond);
    }

    [Fact]
    public void Node_reliability_measures_speed_from_results_alone_and_replicas()
    {
        var node = Guid.NewGuid();
        var projection = new NodeReliabilityProjection();
        NodeReliability? n = null;
        foreach (var e in new IJobEvent[]
        {
            new JobCompleted(Client, 1, node, Provider, "h", "{}", 80, 5, 400, T0, DeviceClass.Cpu, Seconds: 2),
            new JobReplicaReported(2, node, Provider, "h", "{}", 300, 5, DeviceClass.Gpu, 1, T0, Seconds: 0.5),
            new JobCompleted(Client, 2, node, Provider, "h", "{}", 300, 5, 1500, T0, DeviceClass.Gpu, [new ReplicaPayment(node, Provider, 300, 5, 1500)]),
        })
            n = projection.Evolve(n, node, new JasperFx.Events.Event<IJobEvent>(e));
        Assert.Equal(40, Assert.Single(n!.Speeds, s => s.DeviceClass == DeviceClass.Cpu).UnitsPerSecond);
        var gpu = Assert.Single(n.Speeds, s => s.DeviceClass == DeviceClass.Gpu);
        Assert.Equal((600.0, 1L), (gpu.UnitsPerSecond, gpu.Samples));   // the replica's report measured it; its completion does not again
    }
}
