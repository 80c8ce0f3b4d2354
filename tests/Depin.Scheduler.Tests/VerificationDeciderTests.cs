using Depin.Compute.Backends;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Jobs.Querying;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Tests;

/// <summary>Replicated jobs: placement on distinct providers, quorum, disagreement, late results, adaptive replication.</summary>
public class VerificationDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid JobId = Guid.NewGuid(), Client = Guid.NewGuid();
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly JobTerms Terms = new(MaxAttempts: 3, ExtraReplicas: 2, AutoReplication: 2);

    private static JobSubmitted Submitted(int replication, string kernel = "matmul", JobTerms? terms = null) =>
        Assert.IsType<JobSubmitted>(Assert.Single(JobDecider.Decider.When(
            new SubmitJob(JobId, Client, kernel, """{"n":64}""", 10, 100, T0.AddMinutes(5), replication, null, DeviceRequest.Any, T0, terms ?? Terms)).Events));

    private static readonly JobFunded Funded = new(2000, T0);

    private static NodeCandidate Node(Guid? provider = null, long price = 5, int streak = 0, string kernel = "matmul", params NodeOffer[] offers) =>
        new(Guid.NewGuid(), provider ?? Guid.NewGuid(), offers.Length == 0 ? NodeOffer.CpuOnly(price) : offers, "eu", [kernel], 0, 4, 0.5, streak);

    private static List<IJobEvent> Run(IJobCommand command, List<IJobEvent> given)
    {
        var d = JobDecider.Decider.When(command, [.. given]);
        Assert.Null(d.Rejection);
        given.AddRange(d.Events);
        return [.. d.Events];
    }

    private static Job Fold(IEnumerable<IJobEvent> events) => JobDecider.Decider.Fold(events);

    private static RecordResult Result(JobAssigned a, string hash, long units = 80, string json = "{}") =>
        new(a.NodeId, a.Attempt, hash, json, units, a.DeviceClass ?? DeviceClass.Cpu, T0.AddSeconds(5));

    [Fact]
    public void The_escrow_covers_the_replicas_a_quorum_pays()
    {
        Assert.Equal(10 * 100 * 1, Submitted(1).MaxCost);
        Assert.Equal(10 * 100 * 2, Submitted(2).MaxCost);
        Assert.Equal(10 * 100 * 2, Submitted(3).MaxCost);
        Assert.Equal(10 * 100 * 3, Submitted(5).MaxCost);
        Assert.Equal(10 * 100 * 2, Submitted(0).MaxCost);   // the policy's replication for an untrusted node
    }

    [Fact]
    public void Replicas_go_to_distinct_providers_never_two_nodes_of_one()
    {
        var provider = Guid.NewGuid();
        var (a, b, c) = (Node(provider, price: 1), Node(provider, price: 1), Node(price: 9));
        var events = new List<IJobEvent> { Submitted(2), Funded };
        var assigned = Run(new PlaceJob([a, b, c], Lease, T0), events).OfType<JobAssigned>().ToList();
        Assert.Equal(2, assigned.Count);
        Assert.Contains(assigned, x => x.NodeId == c.NodeId);
        Assert.Single(assigned, x => x.ProviderAccountId == provider);
        Assert.Equal(JobStatus.Assigned, Fold(events).Status);
    }

    [Fact]
    public void One_provider_alone_cannot_verify_a_replicated_job_and_the_client_is_told_why()
    {
        var provider = Guid.NewGuid();
        var events = new List<IJobEvent> { Submitted(2), Funded };
        var placed = Run(new PlaceJob([Node(provider), Node(provider)], Lease, T0), events);
        Assert.Single(placed.OfType<JobAssigned>());
        Assert.Equal(JobStatus.Queued, Fold(events).Status);   // one replica runs, the other waits for another provider
        var alone = new List<IJobEvent> { Submitted(2), Funded };
        var waiting = Run(new PlaceJob([], Lease, T0), alone);
        Assert.Equal("no node is online", Assert.IsType<JobWaiting>(Assert.Single(waiting)).Reason);
    }

    [Fact]
    public void Two_of_three_agreeing_complete_the_job_paying_only_them_and_the_third_is_recorded_late_never_paid()
    {
        var events = new List<IJobEvent> { Submitted(3), Funded };
        var assigned = Run(new PlaceJob([Node(price: 4), Node(price: 5), Node(price: 6)], Lease, T0), events).OfType<JobAssigned>().ToList();
        Assert.Equal(3, assigned.Count);

        Assert.IsType<JobReplicaReported>(Assert.Single(Run(Result(assigned[0], "good"), events)));
        var done = Run(Result(assigned[1], "good"), events);
        var completed = Assert.IsType<JobCompleted>(done.Last());
        Assert.Equal("good", completed.ResultHash);
        Assert.Equal([assigned[0].NodeId, assigned[1].NodeId], completed.Paid().Select(p => p.NodeId).ToList());
        Assert.Equal(80 * assigned[0].PricePerUnit + 80 * assigned[1].PricePerUnit, completed.Cost);
        Assert.True(completed.Cost <= Fold(events).MaxCost);
        Assert.Equal(JobStatus.Completed, Fold(events).Status);

        var late = Assert.IsType<JobLateResultRecorded>(Assert.Single(Run(Result(assigned[2], "good"), events)));
        Assert.Equal((assigned[2].NodeId, "the job had already completed"), (late.NodeId, late.Reason));
        Assert.Empty(JobDecider.Decider.When(Result(assigned[2], "good"), [.. events]).Events);   // its duplicate
        Assert.Empty(JobDecider.Decider.When(Result(assigned[0], "good"), [.. events]).Events);   // a counted replica's duplicate
    }

    [Fact]
    public void Disagreement_adds_a_replica_and_the_outvoted_node_gets_a_verdict_and_no_pay()
    {
        var (honest, liar, tiebreaker) = (Node(), Node(), Node());
        var events = new List<IJobEvent> { Submitted(2), Funded };
        var assigned = Run(new PlaceJob([honest, liar], Lease, T0), events).OfType<JobAssigned>().ToList();
        var byNode = assigned.ToDictionary(a => a.NodeId);
        Run(Result(byNode[honest.NodeId], "right"), events);
        Assert.IsType<JobReplicaReported>(Assert.Single(Run(Result(byNode[liar.NodeId], "wrong"), events)));
        var job = Fold(events);
        Assert.Equal((JobStatus.Queued, 1), (job.Status, job.ToPlace));

        var third = Assert.IsType<JobAssigned>(Assert.Single(Run(new PlaceJob([honest, liar, tiebreaker], Lease, T0.AddSeconds(6)), events)));
        Assert.Equal(tiebreaker.NodeId, third.NodeId);   // the two that reported already count
        var decided = Run(Result(third, "right"), events);
        var rejected = Assert.IsType<JobResultRejected>(Assert.Single(decided.OfType<JobResultRejected>()));
        Assert.Equal((liar.NodeId, liar.ProviderAccountId, "wrong", "right", Client), (rejected.NodeId, rejected.ProviderAccountId, rejected.ResultHash, rejected.AcceptedHash, rejected.ClientAccountId));
        var completed = Assert.IsType<JobCompleted>(decided.Last());
        Assert.DoesNotContain(completed.Paid(), p => p.NodeId == liar.NodeId);
        Assert.Equal(2, completed.Paid().Count);
    }

    [Fact]
    public void Results_that_never_reach_a_quorum_fail_the_job_once_no_more_replicas_are_allowed()
    {
        var events = new List<IJobEvent> { Submitted(2, terms: Terms with { ExtraReplicas = 0 }), Funded };
        var assigned = Run(new PlaceJob([Node(), Node()], Lease, T0), events).OfType<JobAssigned>().ToList();
        Run(Result(assigned[0], "one"), events);
        var failed = Assert.IsType<JobFailed>(Run(Result(assigned[1], "two"), events).Last());
        Assert.StartsWith("no quorum: 2 replicas reported 2 different results", failed.Reason);
    }

    [Fact]
    public void A_job_that_fails_while_a_replica_still_runs_withdraws_it_so_the_node_stops()
    {
        var events = new List<IJobEvent> { Submitted(2, terms: Terms with { MaxAttempts = 1 }), Funded };
        var assigned = Run(new PlaceJob([Node(), Node()], Lease, T0), events).OfType<JobAssigned>().ToList();
        var ended = Run(new LoseAttempt(assigned[0].NodeId, assigned[0].Attempt, "the node went offline", T0.AddSeconds(3), LossCause.NodeOffline), events);
        Assert.Equal([typeof(JobAttemptLost), typeof(JobAttemptWithdrawn), typeof(JobFailed)], ended.Select(e => e.GetType()));
        Assert.Equal((assigned[1].NodeId, "the job failed"), (((JobAttemptWithdrawn)ended[1]).NodeId, ((JobAttemptWithdrawn)ended[1]).Reason));
    }

    [Fact]
    public void A_floating_point_kernel_compares_summaries_within_tolerance_and_keeps_replicas_on_one_device_class()
    {
        var gpu = new NodeOffer(DeviceClass.Gpu, 5, 16_384);
        var cpu = new NodeOffer(DeviceClass.Cpu, 1, null);
        var first = Node(kernel: "nbody", offers: gpu);
        var events = new List<IJobEvent> { Submitted(2, "nbody"), Funded };
        var a = Assert.IsType<JobAssigned>(Assert.Single(Run(new PlaceJob([first], Lease, T0), events)));
        Assert.Equal(DeviceClass.Gpu, a.DeviceClass);
        var rig = Node(kernel: "nbody", offers: [cpu, gpu]);
        var b = Assert.IsType<JobAssigned>(Assert.Single(Run(new PlaceJob([first, rig], Lease, T0), events).OfType<JobAssigned>()));
        Assert.Equal((rig.NodeId, DeviceClass.Gpu), (b.NodeId, b.DeviceClass));   // not the rig's cheaper CPU: those results would not compare

        Run(Result(a, "h1", json: """{"energy":1.0000001}"""), events);
        var completed = Assert.IsType<JobCompleted>(Run(Result(b, "h2", json: """{"energy":1.0000002}"""), events).Last());
        Assert.Equal(2, completed.Paid().Count);
    }

    [Fact]
    public void A_lease_running_out_loses_that_replica_only_and_the_job_replaces_it()
    {
        var events = new List<IJobEvent> { Submitted(2), Funded };
        var assigned = Run(new PlaceJob([Node(), Node()], Lease, T0), events).OfType<JobAssigned>().ToList();
        Run(new RecordProgress(assigned[0].NodeId, assigned[0].Attempt, 0.5, Lease, T0.AddSeconds(20)), events);
        var lost = Assert.IsType<JobAttemptLost>(Assert.Single(Run(new CheckTimeouts(T0.AddSeconds(31)), events)));
        Assert.Equal((assigned[1].NodeId, LossCause.LeaseExpired), (lost.NodeId, lost.Cause));
        var job = Fold(events);
        Assert.Equal((JobStatus.Queued, 1, 1), (job.Status, job.InFlight.Count, job.ToPlace));
    }

    [Fact]
    public void A_cancel_during_verification_ends_the_job_and_a_replica_reporting_afterwards_is_recorded_not_paid()
    {
        var events = new List<IJobEvent> { Submitted(2), Funded };
        var assigned = Run(new PlaceJob([Node(), Node()], Lease, T0), events).OfType<JobAssigned>().ToList();
        Run(Result(assigned[0], "h"), events);
        var cancelled = Run(new CancelJob(Client, T0.AddSeconds(6)), events);
        // The replica still running is withdrawn (the node is told to stop it) before the job ends.
        Assert.Equal([typeof(JobAttemptWithdrawn), typeof(JobCancelled)], cancelled.Select(e => e.GetType()));
        Assert.Equal((assigned[1].Attempt, assigned[1].NodeId, "the job was cancelled"),
            (((JobAttemptWithdrawn)cancelled[0]).Attempt, ((JobAttemptWithdrawn)cancelled[0]).NodeId, ((JobAttemptWithdrawn)cancelled[0]).Reason));
        var late = Assert.IsType<JobLateResultRecorded>(Assert.Single(Run(Result(assigned[1], "h"), events)));
        Assert.Equal("the job had already ended", late.Reason);
    }

    [Fact]
    public void A_result_naming_an_attempt_the_node_never_held_changes_nothing()
    {
        var events = new List<IJobEvent> { Submitted(1), Funded };
        var a = Assert.IsType<JobAssigned>(Assert.Single(Run(new PlaceJob([Node()], Lease, T0), events)));
        Assert.Empty(JobDecider.Decider.When(new RecordResult(Guid.NewGuid(), a.Attempt, "x", "{}", 1, DeviceClass.Cpu, T0), [.. events]).Events);
        Assert.Empty(JobDecider.Decider.When(new RecordResult(a.NodeId, 7, "x", "{}", 1, DeviceClass.Cpu, T0), [.. events]).Events);
    }

    [Theory]
    [InlineData(25, 0.5, 1)]    // trusted, not drawn for a spot check: alone
    [InlineData(25, 0.05, 2)]   // trusted, spot-checked
    [InlineData(3, 0.9, 2)]     // new: always replicated
    public void A_job_that_asks_for_no_replication_runs_alone_only_on_a_trusted_node(int streak, double draw, int replication)
    {
        var first = Node(price: 1, streak: streak);
        var events = new List<IJobEvent> { Submitted(0), Funded };
        var placed = Run(new PlaceJob([first, Node(price: 2)], Lease, T0, new TrustPolicy(20, 0.1, draw)), events);
        Assert.Equal(replication, Assert.IsType<JobReplicationChosen>(placed[0]).Replication);
        Assert.Equal(replication, placed.OfType<JobAssigned>().Count());
        Assert.Equal(first.NodeId, placed.OfType<JobAssigned>().First().NodeId);
    }

    [Fact]
    public void A_quorum_reached_while_a_replica_still_runs_lets_it_finish_unpaid_and_withdraws_it_in_the_record()
    {
        var events = new List<IJobEvent> { Submitted(3), Funded };
        var assigned = Run(new PlaceJob([Node(), Node(), Node()], Lease, T0), events).OfType<JobAssigned>().ToList();
        Run(Result(assigned[0], "h"), events);
        var quorum = Run(Result(assigned[1], "h"), events);
        Assert.Empty(quorum.OfType<JobAttemptWithdrawn>());   // not stopped: its result is still evidence
        Assert.IsType<JobCompleted>(quorum.Last());
        Assert.Empty(Fold(events).InFlight);
        var record = events.Select((e, i) => (e, i)).Aggregate((JobRecord?)null, (r, x) => new JobRecordProjection().Evolve(r, JobDecider.StreamId(JobId),
            new JasperFx.Events.Event<IJobEvent>(x.e) { Version = x.i + 1, Timestamp = T0 }));
        Assert.Equal(JobStatus.Completed, record!.Status);
        Assert.Equal([ReplicaStatus.Accepted, ReplicaStatus.Accepted, ReplicaStatus.Withdrawn], record.Replicas.Select(r => r.Status).ToList());
        Assert.Empty(record.NodeIds);
    }
}
