using Depin.Compute.Backends;
using Depin.EventSourcing.Deciding;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Probing;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Tests;

/// <summary>Known-answer probes: a job for one node whose answer the scheduler already has from a quorum of others.</summary>
public class ProbeDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid JobId = Guid.NewGuid(), ProbeAccount = Guid.NewGuid(), Provider = Guid.NewGuid();
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static NodeCandidate Node(long price = 5) => new(Guid.NewGuid(), Provider, NodeOffer.CpuOnly(price), "eu", ["matmul"], 0);

    private static SubmitJob Probe(Guid nodeId, int replication = 1, DeviceClass deviceClass = DeviceClass.Cpu) =>
        new(JobId, ProbeAccount, "matmul", """{"n":64}""", 5, 100, T0.AddMinutes(10), replication, null, new DeviceRequest(deviceClass, null), T0,
            new JobTerms(3, 0, 1), new KnownAnswer(nodeId, Guid.NewGuid(), "right", """{"checksum":1}""", DeviceClass.Cpu));

    private static List<IJobEvent> Funded(NodeCandidate node) =>
    [
        .. JobDecider.Decider.When(Probe(node.NodeId)).Events,
        new JobFunded(500, T0),
    ];

    private static IReadOnlyList<IJobEvent> Run(IJobCommand command, List<IJobEvent> events)
    {
        var decided = JobDecider.Decider.When(command, [.. events]).Events;
        events.AddRange(decided);
        return decided;
    }

    [Fact]
    public void A_probe_goes_to_its_node_however_cheaper_the_others_and_waits_while_that_node_is_not_available()
    {
        var target = Node(price: 5);
        var events = Funded(target);
        var waiting = Assert.IsType<JobWaiting>(Assert.Single(Run(new PlaceJob([Node(price: 1), Node(price: 2)], Lease, T0), events)));
        Assert.Equal("no node is online", waiting.Reason);
        var assigned = Assert.IsType<JobAssigned>(Assert.Single(Run(new PlaceJob([Node(price: 1), target, Node(price: 2)], Lease, T0), events)));
        Assert.Equal(target.NodeId, assigned.NodeId);
        // The node is told nothing more than for a client's job.
        Assert.Equal(("matmul", """{"n":64}""", 100L), (assigned.Kernel, assigned.ParametersJson, assigned.EstimatedUnits));
    }

    [Fact]
    public void A_probe_answered_rightly_is_paid_and_counts_as_an_agreed_vote()
    {
        var target = Node();
        var events = Funded(target);
        var assigned = Assert.IsType<JobAssigned>(Assert.Single(Run(new PlaceJob([target], Lease, T0), events)));
        var completed = Assert.IsType<JobCompleted>(Assert.Single(Run(new RecordResult(target.NodeId, assigned.Attempt, "right", "{}", 100, DeviceClass.Cpu, T0), events)));
        var paid = Assert.Single(completed.Paid());
        Assert.Equal((target.NodeId, 500L), (paid.NodeId, paid.Cost));
        Assert.NotNull(completed.Replicas);   // so it leaves as an agreed verdict
    }

    [Fact]
    public void A_probe_answered_wrongly_is_rejected_unpaid_and_fails_the_probe()
    {
        var target = Node();
        var events = Funded(target);
        var assigned = Assert.IsType<JobAssigned>(Assert.Single(Run(new PlaceJob([target], Lease, T0), events)));
        var judged = Run(new RecordResult(target.NodeId, assigned.Attempt, "wrong", "{}", 100, DeviceClass.Cpu, T0), events);
        Assert.Equal([typeof(JobResultRejected), typeof(JobFailed)], judged.Select(e => e.GetType()));
        var rejected = (JobResultRejected)judged[0];
        Assert.Equal((target.NodeId, ProbeAccount, "wrong", "right"), (rejected.NodeId, rejected.ClientAccountId, rejected.ResultHash, rejected.AcceptedHash));
        Assert.Equal("the result differed from the known answer", ((JobFailed)judged[1]).Reason);
        // The same report again (a redelivery under another message id) changes nothing.
        Assert.Empty(Run(new RecordResult(target.NodeId, assigned.Attempt, "wrong", "{}", 100, DeviceClass.Cpu, T0), events));
    }

    [Theory]
    [InlineData(2, DeviceClass.Cpu)]
    [InlineData(1, DeviceClass.Gpu)]
    public void A_probe_runs_one_replica_on_the_class_of_its_answer(int replication, DeviceClass deviceClass) =>
        Assert.Equal(RejectionCode.Invalid, JobDecider.Decider.When(Probe(Guid.NewGuid(), replication, deviceClass)).Rejection?.Code);
}
