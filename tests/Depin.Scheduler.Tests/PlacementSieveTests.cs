using Depin.Compute.Backends;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Jobs.Querying;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Tests;

/// <summary>The sweep loads only queued jobs a node with a free slot could take, and never holds back one it could place.</summary>
public sealed class PlacementSieveTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static JobRecord Record(string kernel = "matmul", string? region = null, long maxPrice = 10, DeviceClass? device = null, long? minGpu = null) =>
        new() { JobId = Guid.NewGuid(), Kernel = kernel, Region = region, MaxPricePerUnit = maxPrice, DeviceClass = device, MinGpuMemoryMiB = minGpu };

    private static NodeCandidate Node(string region, int slots, int active, long price = 5, params string[] kernels) =>
        new(Guid.NewGuid(), Guid.NewGuid(), NodeOffer.CpuOnly(price), region, kernels.Length == 0 ? ["matmul"] : kernels, active, slots);

    [Fact]
    public void Full_nodes_leave_nothing_to_load()
    {
        NodePool pool = [Node("eu", slots: 4, active: 4), Node("us", slots: 2, active: 2)];
        Assert.Empty(PlacementSieve.Placeable([Record(), Record(), Record()], pool));
    }

    [Fact]
    public void Free_slots_are_counted_oldest_job_first_and_jobs_no_node_takes_are_skipped()
    {
        NodePool pool = [Node("eu", slots: 4, active: 2), Node("us", slots: 1, active: 1)];
        var queued = new[]
        {
            Record(region: "us"),                 // its only node is full
            Record(),                             // takes one of eu's two free slots
            Record(kernel: "nbody"),              // no node runs it
            Record(maxPrice: 4),                  // every node asks more
            Record(device: DeviceClass.Gpu),      // no node offers a GPU
            Record(region: "EU"),                 // the other free slot (regions compare without case)
            Record(),                             // none left
        };
        Assert.Equal([queued[1].JobId, queued[5].JobId], PlacementSieve.Placeable(queued, pool));
    }

    [Fact]
    public void A_gpu_job_passes_only_where_a_gpu_with_enough_memory_has_a_free_slot()
    {
        var gpuNode = new NodeCandidate(Guid.NewGuid(), Guid.NewGuid(), [new NodeOffer(DeviceClass.Cpu, 2, null), new NodeOffer(DeviceClass.Gpu, 8, 24_576)],
            "eu", ["matmul"], 0, 2);
        NodePool pool = [gpuNode];
        var (small, large) = (Record(device: DeviceClass.Gpu, minGpu: 16_000), Record(device: DeviceClass.Gpu, minGpu: 40_000));
        Assert.Equal([small.JobId], PlacementSieve.Placeable([large, small], pool));
    }

    [Fact]
    public void A_job_the_decision_would_place_is_never_held_back()
    {
        var random = new Random(20261123);
        string[] regions = ["eu", "us"], kernels = ["matmul", "nbody"];
        for (var round = 0; round < 2_000; round++)
        {
            NodePool pool = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => Node(regions[random.Next(2)], slots: random.Next(1, 3), active: random.Next(0, 3), price: random.Next(1, 10), kernels[random.Next(2)]))
                .ToArray();
            var record = Record(kernels[random.Next(2)], random.Next(3) == 0 ? null : regions[random.Next(2)], maxPrice: random.Next(1, 10));
            var job = JobDecider.Decider.Fold([
                new JobSubmitted(record.JobId, Guid.NewGuid(), record.Kernel, "{}", record.MaxPricePerUnit, 10, record.MaxPricePerUnit * 10, T0.AddHours(1), 1,
                    record.Region, T0),
                new JobFunded(record.MaxPricePerUnit * 10, T0)]);
            var placeable = PlacementSieve.Placeable([record], pool).Count == 1;
            Assert.Equal(Eligibility.Best(job, pool) is not null, placeable);
        }
    }
}
