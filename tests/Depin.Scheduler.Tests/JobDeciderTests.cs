using Depin.Compute.Backends;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Tests;

public class JobDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid JobId = Guid.NewGuid(), Client = Guid.NewGuid(), Provider = Guid.NewGuid();
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly JobSubmitted Submitted = new(JobId, Client, "matmul", """{"n":64}""", 10, 100, 1000, T0.AddMinutes(5), 1, null, T0);
    private static readonly JobFunded Funded = new(1000, T0);

    private static NodeCandidate Node(long price = 5, int active = 0, string region = "eu", params string[] caps) =>
        new(Guid.NewGuid(), Provider, NodeOffer.CpuOnly(price), region, caps.Length == 0 ? ["matmul"] : caps, active);

    private static JobAssigned Assigned(Guid node, int attempt = 1) =>
        new(attempt, node, Provider, 5, T0.AddSeconds(30), "matmul", """{"n":64}""", 100, T0);

    private static Depin.EventSourcing.Deciding.Decision<IJobEvent> When(IJobCommand command, params IJobEvent[] given) =>
        JobDecider.Decider.When(command, given);

    [Fact]
    public void Submit_computes_the_escrow_as_max_price_times_estimated_units()
    {
        var d = When(new SubmitJob(JobId, Client, "matmul", "{}", 7, 300, T0.AddMinutes(1), 1, "eu", DeviceRequest.Any, T0));
        var e = Assert.IsType<JobSubmitted>(Assert.Single(d.Events));
        Assert.Equal(2100, e.MaxCost);
    }

    [Fact]
    public void Submit_twice_is_rejected() =>
        Assert.Equal("a job with this id already exists", When(new SubmitJob(JobId, Client, "matmul", "{}", 7, 300, T0.AddMinutes(1), 1, null, DeviceRequest.Any, T0), Submitted).Rejection?.Detail);

    [Theory]
    [InlineData(0, 10, 60, "maxPricePerUnit must be positive")]
    [InlineData(5, 0, 60, "the kernel's cost model gave no units")]
    [InlineData(5, 10, 0, "the deadline must be in the future")]
    [InlineData(long.MaxValue / 2, 10, 60, "overflows")]
    public void Submit_with_bad_terms_is_rejected(long price, long units, int deadlineSeconds, string reason)
    {
        var d = When(new SubmitJob(JobId, Client, "matmul", "{}", price, units, T0.AddSeconds(deadlineSeconds), 1, null, DeviceRequest.Any, T0));
        Assert.Empty(d.Events);
        Assert.Contains(reason, d.Rejection?.Detail);
    }

    [Fact]
    public void Funds_rejected_fails_the_job_with_the_reason() =>
        Assert.Equal("insufficient funds: balance too low",
            Assert.IsType<JobFailed>(Assert.Single(When(new RecordFundsRejected("balance too low", T0), Submitted).Events)).Reason);

    [Fact]
    public void Funds_reserved_twice_changes_nothing() =>
        Assert.Empty(When(new RecordFundsReserved(1000, T0), Submitted, Funded).Events);

    [Fact]
    public void Placement_prefers_idle_then_cheap_nodes_that_fit_kernel_price_and_region()
    {
        var busyCheap = Node(price: 1, active: 1) with { Slots = 1 };   // every slot taken: not eligible at any price
        var idleDear = Node(price: 8);
        var idleCheap = Node(price: 6);
        var tooDear = Node(price: 11);
        var wrongKernel = Node(price: 1, caps: "nbody");
        var d = When(new PlaceJob([busyCheap, idleDear, tooDear, wrongKernel, idleCheap], Lease, T0), Submitted, Funded);
        var assigned = Assert.IsType<JobAssigned>(Assert.Single(d.Events));
        Assert.Equal(idleCheap.NodeId, assigned.NodeId);
        Assert.Equal(6, assigned.PricePerUnit);
        Assert.Equal(1, assigned.Attempt);
        Assert.Equal(T0 + Lease, assigned.LeaseUntil);
    }

    [Fact]
    public void Placement_honours_the_region()
    {
        var inRegion = Submitted with { Region = "us" };
        var eu = Node(region: "eu");
        var us = Node(price: 9, region: "us");
        Assert.Equal(us.NodeId, Assert.IsType<JobAssigned>(Assert.Single(When(new PlaceJob([eu, us], Lease, T0), inRegion, Funded).Events)).NodeId);
    }

    [Fact]
    public void No_eligible_node_keeps_waiting_with_the_reason_until_the_deadline_then_fails_with_it()
    {
        var waiting = Assert.IsType<JobWaiting>(Assert.Single(When(new PlaceJob([Node(price: 50)], Lease, T0), Submitted, Funded).Events));
        Assert.Equal("every node that could run it asks more than your maxPricePerUnit of 10 (lowest on offer: 50)", waiting.Reason);
        Assert.Empty(When(new PlaceJob([Node(price: 50)], Lease, T0.AddSeconds(1)), Submitted, Funded, waiting).Events);   // same reason: no new event
        var failed = Assert.IsType<JobFailed>(Assert.Single(When(new PlaceJob([Node(price: 50)], Lease, T0.AddMinutes(6)), Submitted, Funded, waiting).Events));
        Assert.Equal("no eligible node within the deadline: " + waiting.Reason, failed.Reason);
        var timedOut = Assert.IsType<JobFailed>(Assert.Single(When(new CheckTimeouts(T0.AddMinutes(6)), Submitted, Funded, waiting).Events));
        Assert.Equal(failed.Reason, timedOut.Reason);
    }

    private static NodeCandidate Rig(long cpuPrice, long gpuPrice, long gpuMiB, int active = 0) =>
        new(Guid.NewGuid(), Provider, [new NodeOffer(DeviceClass.Cpu, cpuPrice, null), new NodeOffer(DeviceClass.Gpu, gpuPrice, gpuMiB)], "eu", ["matmul"], active);

    private static NodeCandidate GpuOnly(long gpuPrice, long gpuMiB) =>
        new(Guid.NewGuid(), Provider, [new NodeOffer(DeviceClass.Gpu, gpuPrice, gpuMiB)], "eu", ["matmul"], 0);

    private static JobAssigned PlacedOn(JobSubmitted submitted, params NodeCandidate[] nodes) =>
        Assert.IsType<JobAssigned>(Assert.Single(When(new PlaceJob(nodes, Lease, T0), submitted, Funded).Events));

    [Fact]
    public void A_gpu_job_runs_only_on_a_gpu_offer_and_pays_its_price()
    {
        var cpuNode = Node(price: 1);
        var rig = Rig(cpuPrice: 2, gpuPrice: 9, gpuMiB: 16_384);
        var assigned = PlacedOn(Submitted with { DeviceClass = DeviceClass.Gpu }, cpuNode, rig);
        Assert.Equal((rig.NodeId, DeviceClass.Gpu, 9L), (assigned.NodeId, assigned.DeviceClass, assigned.PricePerUnit));
    }

    [Fact]
    public void A_cpu_job_on_a_gpu_rig_runs_on_its_cpu_and_any_takes_the_cheapest_offer()
    {
        var rig = Rig(cpuPrice: 3, gpuPrice: 9, gpuMiB: 16_384);
        Assert.Equal((DeviceClass.Cpu, 3L), (PlacedOn(Submitted with { DeviceClass = DeviceClass.Cpu }, rig).DeviceClass, PlacedOn(Submitted, rig).PricePerUnit));
        var cheapGpu = GpuOnly(gpuPrice: 2, gpuMiB: 8_192);
        Assert.Equal((DeviceClass.Gpu, 2L), (PlacedOn(Submitted, cheapGpu).DeviceClass, PlacedOn(Submitted, cheapGpu).PricePerUnit));
        Assert.Empty(When(new PlaceJob([cheapGpu], Lease, T0), Submitted with { DeviceClass = DeviceClass.Cpu }, Funded).Events.OfType<JobAssigned>());
    }

    [Fact]
    public void A_minimum_gpu_memory_skips_smaller_gpus()
    {
        var small = GpuOnly(gpuPrice: 2, gpuMiB: 8_192);
        var large = GpuOnly(gpuPrice: 9, gpuMiB: 81_920);
        var assigned = PlacedOn(Submitted with { DeviceClass = DeviceClass.Gpu, MinGpuMemoryMiB = 40_000 }, small, large);
        Assert.Equal(large.NodeId, assigned.NodeId);
    }

    public static TheoryData<string, string> WaitingReasons => new()
    {
        { "none online", "no node is online" },
        { "kernel", "no online node runs kernel 'matmul'" },
        { "region", "no online node in region 'us' runs kernel 'matmul'" },
        { "class", "no online node that runs 'matmul' in region 'eu' offers a gpu" },
        { "memory", "no online node offers a gpu with at least 40000 MiB of memory in region 'eu' (the largest GPU on offer has 16384 MiB)" },
        { "price", "every node that could run it asks more than your maxPricePerUnit of 10 (lowest on offer: 12)" },
    };

    [Theory]
    [MemberData(nameof(WaitingReasons))]
    public void A_job_no_node_can_take_says_which_requirement_no_node_meets(string requirement, string reason)
    {
        var (job, nodes) = requirement switch
        {
            "none online" => (Submitted, Array.Empty<NodeCandidate>()),
            "kernel" => (Submitted, [Node(caps: "nbody")]),
            "region" => (Submitted with { Region = "us" }, [Node(region: "eu")]),
            "class" => (Submitted with { Region = "eu", DeviceClass = DeviceClass.Gpu }, [Node(price: 1)]),
            "memory" => (Submitted with { Region = "eu", DeviceClass = DeviceClass.Gpu, MinGpuMemoryMiB = 40_000 }, [Rig(1, 2, 16_384)]),
            _ => (Submitted with { DeviceClass = DeviceClass.Gpu }, new[] { Rig(1, 12, 16_384) }),
        };
        Assert.Equal(reason, Assert.IsType<JobWaiting>(Assert.Single(When(new PlaceJob(nodes, Lease, T0), job, Funded).Events)).Reason);
    }

    [Fact]
    public void A_minimum_gpu_memory_without_a_gpu_class_is_rejected() =>
        Assert.Equal("a minimum GPU memory needs deviceClass gpu",
            When(new SubmitJob(JobId, Client, "matmul", "{}", 7, 300, T0.AddMinutes(1), 1, null, new DeviceRequest(null, 1024), T0)).Rejection?.Detail);

    [Fact]
    public void The_result_records_the_device_class_that_produced_it()
    {
        var node = Guid.NewGuid();
        var onGpu = Assigned(node) with { DeviceClass = DeviceClass.Gpu, PricePerUnit = 9 };
        var done = Assert.IsType<JobCompleted>(Assert.Single(When(new RecordResult(node, 1, "abc", "{}", 80, DeviceClass.Gpu, T0), Submitted, Funded, onGpu).Events));
        Assert.Equal((DeviceClass.Gpu, 80 * 9L), (done.DeviceClass, done.Cost));
    }

    [Fact]
    public void Unfunded_job_is_not_placed() =>
        Assert.Empty(When(new PlaceJob([Node()], Lease, T0), Submitted).Events);

    [Fact]
    public void Result_from_the_assigned_node_completes_and_costs_units_times_node_price()
    {
        var node = Guid.NewGuid();
        var d = When(new RecordResult(node, 1, "abc", "{}", 80, DeviceClass.Cpu, T0), Submitted, Funded, Assigned(node));
        var done = Assert.IsType<JobCompleted>(Assert.Single(d.Events));
        Assert.Equal(80 * 5, done.Cost);
        Assert.Equal(Provider, done.ProviderAccountId);
        Assert.Equal(Client, done.ClientAccountId);
    }

    [Fact]
    public void Metered_units_above_the_estimate_are_capped_so_the_charge_never_exceeds_the_hold()
    {
        var node = Guid.NewGuid();
        var done = Assert.IsType<JobCompleted>(Assert.Single(When(new RecordResult(node, 1, "abc", "{}", 10_000, DeviceClass.Cpu, T0), Submitted, Funded, Assigned(node)).Events));
        Assert.Equal(100, done.Units);
        Assert.True(done.Cost <= Submitted.MaxCost);
    }

    [Fact]
    public void Result_of_a_stale_attempt_or_another_node_changes_nothing()
    {
        var node = Guid.NewGuid();
        Assert.Empty(When(new RecordResult(Guid.NewGuid(), 1, "x", "{}", 1, DeviceClass.Cpu, T0), Submitted, Funded, Assigned(node)).Events);
        Assert.Empty(When(new RecordResult(node, 2, "x", "{}", 1, DeviceClass.Cpu, T0), Submitted, Funded, Assigned(node)).Events);
    }

    [Fact]
    public void Duplicate_result_after_completion_changes_nothing()
    {
        var node = Guid.NewGuid();
        var completed = new JobCompleted(Client, 1, node, Provider, "abc", "{}", 80, 5, 400, T0);
        Assert.Empty(When(new RecordResult(node, 1, "abc", "{}", 80, DeviceClass.Cpu, T0), Submitted, Funded, Assigned(node), completed).Events);
    }

    [Fact]
    public void Expired_lease_loses_the_attempt_and_requeues_the_job()
    {
        var node = Guid.NewGuid();
        var given = new IJobEvent[] { Submitted, Funded, Assigned(node) };
        Assert.Empty(When(new CheckTimeouts(T0.AddSeconds(10)), given).Events);
        var lost = Assert.IsType<JobAttemptLost>(Assert.Single(When(new CheckTimeouts(T0.AddSeconds(31)), given).Events));
        Assert.Equal(node, lost.NodeId);
        Assert.Equal(JobStatus.Queued, JobDecider.Decider.Fold(given.Append(lost)).Status);
    }

    [Fact]
    public void Progress_extends_the_lease()
    {
        var node = Guid.NewGuid();
        var progressed = Assert.IsType<JobProgressed>(Assert.Single(When(new RecordProgress(node, 1, 0.5, Lease, T0.AddSeconds(20)), Submitted, Funded, Assigned(node)).Events));
        Assert.Equal(T0.AddSeconds(50), progressed.LeaseUntil);
    }

    [Fact]
    public void Third_lost_attempt_fails_the_job()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var given = new IJobEvent[]
        {
            Submitted, Funded, Assigned(a, 1), new JobAttemptLost(1, a, "x", T0), Assigned(b, 2), new JobAttemptLost(2, b, "x", T0), Assigned(c, 3),
        };
        var d = When(new LoseAttempt(c, 3, "node went offline", T0), given);
        Assert.Collection(d.Events, e => Assert.IsType<JobAttemptLost>(e), e => Assert.StartsWith("gave up after 3 attempts", Assert.IsType<JobFailed>(e).Reason));
    }

    [Fact]
    public void A_draining_node_that_goes_offline_loses_its_job_to_another_node()
    {
        // Draining, the node keeps its running job but is out of the candidates; offline, it loses the job, which goes elsewhere.
        var draining = Node(price: 1);
        var other = Node(price: 9);
        var given = new IJobEvent[] { Submitted, Funded, Assigned(draining.NodeId) };
        var lost = Assert.IsType<JobAttemptLost>(Assert.Single(When(new LoseAttempt(draining.NodeId, null, "the node went offline", T0.AddSeconds(3), LossCause.NodeOffline), given).Events));
        Assert.Equal((1, LossCause.NodeOffline), (lost.Attempt, lost.Cause));
        var replaced = Assert.IsType<JobAssigned>(Assert.Single(When(new PlaceJob([other], Lease, T0.AddSeconds(4)), [.. given, lost]).Events));
        Assert.Equal((other.NodeId, 2), (replaced.NodeId, replaced.Attempt));
        // Its report, should it come after all, is recorded and never paid.
        var late = Assert.IsType<JobLateResultRecorded>(Assert.Single(When(new RecordResult(draining.NodeId, 1, "h", "{}", 80, DeviceClass.Cpu, T0.AddSeconds(5)),
            [.. given, lost, replaced]).Events));
        Assert.Equal("the attempt had been lost", late.Reason);
    }

    [Fact]
    public void A_node_that_lost_the_job_is_tried_last()
    {
        var lostOnce = Node(price: 1);
        var fresh = Node(price: 9);
        var given = new IJobEvent[] { Submitted, Funded, Assigned(lostOnce.NodeId), new JobAttemptLost(1, lostOnce.NodeId, "x", T0) };
        var assigned = Assert.IsType<JobAssigned>(Assert.Single(When(new PlaceJob([lostOnce, fresh], Lease, T0), given).Events));
        Assert.Equal(fresh.NodeId, assigned.NodeId);
        Assert.Equal(2, assigned.Attempt);
    }

    [Fact]
    public void Deadline_passing_while_running_fails_the_job()
    {
        var node = Guid.NewGuid();
        var d = When(new CheckTimeouts(T0.AddMinutes(10)), Submitted, Funded, Assigned(node));
        Assert.Collection(d.Events, e => Assert.IsType<JobAttemptLost>(e), e => Assert.IsType<JobFailed>(e));
    }

    [Fact]
    public void Cancel_of_a_running_job_cancels_and_of_a_finished_one_is_rejected()
    {
        Assert.IsType<JobCancelled>(Assert.Single(When(new CancelJob(Client, T0), Submitted, Funded).Events));
        var d = When(new CancelJob(Client, T0), Submitted, new JobFailed(Client, "x", T0));
        Assert.Equal("the job is already failed", d.Rejection?.Detail);
    }

    [Fact]
    public void Commands_on_a_job_that_does_not_exist_are_rejected() =>
        Assert.Equal("job does not exist", When(new CancelJob(Client, T0)).Rejection?.Detail);

}
