using Depin.Scheduler.Jobs;

namespace Depin.Scheduler.Tests;

public class JobDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid JobId = Guid.NewGuid(), Client = Guid.NewGuid(), Provider = Guid.NewGuid();
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly JobSubmitted Submitted = new(JobId, Client, "matmul", """{"n":64}""", 10, 100, 1000, T0.AddMinutes(5), 1, null, T0);
    private static readonly JobFunded Funded = new(1000, T0);

    private static NodeCandidate Node(long price = 5, int active = 0, string region = "eu", params string[] caps) =>
        new(Guid.NewGuid(), Provider, price, region, caps.Length == 0 ? ["matmul"] : caps, active);

    private static JobAssigned Assigned(Guid node, int attempt = 1) =>
        new(attempt, node, Provider, 5, T0.AddSeconds(30), "matmul", """{"n":64}""", 100, T0);

    private static Depin.EventSourcing.Deciding.Decision<IJobEvent> When(IJobCommand command, params IJobEvent[] given) =>
        JobDecider.Decider.When(command, given);

    [Fact]
    public void Submit_computes_the_escrow_as_max_price_times_estimated_units()
    {
        var d = When(new SubmitJob(JobId, Client, "matmul", "{}", 7, 300, T0.AddMinutes(1), 1, "eu", T0));
        var e = Assert.IsType<JobSubmitted>(Assert.Single(d.Events));
        Assert.Equal(2100, e.MaxCost);
    }

    [Fact]
    public void Submit_twice_is_rejected() =>
        Assert.Equal("a job with this id already exists", When(new SubmitJob(JobId, Client, "matmul", "{}", 7, 300, T0.AddMinutes(1), 1, null, T0), Submitted).Rejection?.Detail);

    [Theory]
    [InlineData(0, 10, 60, "maxPricePerUnit must be positive")]
    [InlineData(5, 0, 60, "the kernel's cost model gave no units")]
    [InlineData(5, 10, 0, "the deadline must be in the future")]
    [InlineData(long.MaxValue / 2, 10, 60, "overflows")]
    public void Submit_with_bad_terms_is_rejected(long price, long units, int deadlineSeconds, string reason)
    {
        var d = When(new SubmitJob(JobId, Client, "matmul", "{}", price, units, T0.AddSeconds(deadlineSeconds), 1, null, T0));
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
        var busyCheap = Node(price: 1, active: 1);
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
    public void No_eligible_node_keeps_waiting_until_the_deadline_then_fails()
    {
        Assert.Empty(When(new PlaceJob([Node(price: 50)], Lease, T0), Submitted, Funded).Events);
        var failed = Assert.IsType<JobFailed>(Assert.Single(When(new PlaceJob([Node(price: 50)], Lease, T0.AddMinutes(6)), Submitted, Funded).Events));
        Assert.Equal("no eligible node within the deadline", failed.Reason);
    }

    [Fact]
    public void Unfunded_job_is_not_placed() =>
        Assert.Empty(When(new PlaceJob([Node()], Lease, T0), Submitted).Events);

    [Fact]
    public void Result_from_the_assigned_node_completes_and_costs_units_times_node_price()
    {
        var node = Guid.NewGuid();
        var d = When(new RecordResult(node, 1, "abc", "{}", 80, T0), Submitted, Funded, Assigned(node));
        var done = Assert.IsType<JobCompleted>(Assert.Single(d.Events));
        Assert.Equal(80 * 5, done.Cost);
        Assert.Equal(Provider, done.ProviderAccountId);
        Assert.Equal(Client, done.ClientAccountId);
    }

    [Fact]
    public void Metered_units_above_the_estimate_are_capped_so_the_charge_never_exceeds_the_hold()
    {
        var node = Guid.NewGuid();
        var done = Assert.IsType<JobCompleted>(Assert.Single(When(new RecordResult(node, 1, "abc", "{}", 10_000, T0), Submitted, Funded, Assigned(node)).Events));
        Assert.Equal(100, done.Units);
        Assert.True(done.Cost <= Submitted.MaxCost);
    }

    [Fact]
    public void Result_of_a_stale_attempt_or_another_node_changes_nothing()
    {
        var node = Guid.NewGuid();
        Assert.Empty(When(new RecordResult(Guid.NewGuid(), 1, "x", "{}", 1, T0), Submitted, Funded, Assigned(node)).Events);
        Assert.Empty(When(new RecordResult(node, 2, "x", "{}", 1, T0), Submitted, Funded, Assigned(node)).Events);
    }

    [Fact]
    public void Duplicate_result_after_completion_changes_nothing()
    {
        var node = Guid.NewGuid();
        var completed = new JobCompleted(Client, 1, node, Provider, "abc", "{}", 80, 5, 400, T0);
        Assert.Empty(When(new RecordResult(node, 1, "abc", "{}", 80, T0), Submitted, Funded, Assigned(node), completed).Events);
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
