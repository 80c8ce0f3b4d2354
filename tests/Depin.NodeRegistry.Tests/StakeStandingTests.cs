using Depin.Contracts.Scheduler;
using Depin.EventSourcing.Deciding;
using Depin.NodeRegistry.Messaging;
using Depin.NodeRegistry.Nodes;
using Depin.NodeRegistry.Nodes.Registering;
using JasperFx.Events;
using Wire = Depin.Contracts.NodeRegistry;

namespace Depin.NodeRegistry.Tests;

/// <summary>The registry weighs billing's reports of a node's bonded stake against its minimum.</summary>
public class StakeStandingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid NodeId = Guid.NewGuid(), Provider = Guid.NewGuid();
    private const long Minimum = 1_000;

    private static RegisterNode Register(long stake, long minimum) =>
        new(NodeId, Provider, "n1", "eu", ["matmul"], NodeOffer.CpuOnly(5), [], stake, T0, MinimumStake: minimum);

    private static Node Fold(params INodeEvent[] events) => NodeDecider.Decider.Fold(events);

    [Fact]
    public void Under_a_minimum_a_node_registers_suspended_and_billings_bond_reinstates_it()
    {
        var registered = Assert.IsType<NodeRegistered>(Assert.Single(NodeDecider.Decider.When(Register(Minimum, Minimum)).Events));
        Assert.True(registered.AwaitingStake);
        Assert.True(Fold(registered).Barred);

        var bonded = NodeDecider.Decider.When(new RecordStake(Minimum, 1, Minimum, T0), registered).Events;
        Assert.Collection(bonded, e => Assert.False(Assert.IsType<NodeStakeRecorded>(e).Suspended), e => Assert.IsType<NodeReinstated>(e));
        Assert.False(Fold([registered, .. bonded]).Barred);
    }

    [Fact]
    public void Slashing_under_the_minimum_suspends_until_topped_up_and_stale_reports_change_nothing()
    {
        var registered = Assert.IsType<NodeRegistered>(Assert.Single(NodeDecider.Decider.When(Register(Minimum, Minimum)).Events));
        INodeEvent[] history = [registered, .. NodeDecider.Decider.When(new RecordStake(Minimum, 1, Minimum, T0), registered).Events];

        var slashed = NodeDecider.Decider.When(new RecordStake(900, 2, Minimum, T0), history).Events;
        Assert.Collection(slashed, e => Assert.True(Assert.IsType<NodeStakeRecorded>(e).Suspended),
            e => Assert.Equal("bonded stake 900 is under the minimum of 1000", Assert.IsType<NodeSuspended>(e).Reason));
        history = [.. history, .. slashed];
        Assert.True(Fold(history).Barred);

        // The bond of version 1 arriving again (or late) is older than what was recorded: nothing changes.
        Assert.Empty(NodeDecider.Decider.When(new RecordStake(Minimum, 1, Minimum, T0), history).Events);
        var toppedUp = NodeDecider.Decider.When(new RecordStake(1_900, 3, Minimum, T0), history).Events;
        Assert.IsType<NodeReinstated>(toppedUp[^1]);
        Assert.False(Fold([.. history, .. toppedUp]).Barred);
    }

    [Fact]
    public void A_stake_never_lifts_a_suspension_for_reputation()
    {
        var registered = Assert.IsType<NodeRegistered>(Assert.Single(NodeDecider.Decider.When(Register(0, 0)).Events));
        Assert.False(registered.AwaitingStake);
        var judged = NodeDecider.Decider.When(new RecordVerdict(Guid.NewGuid(), Guid.NewGuid(), NodeVerdicts.WrongResult, "outvoted", 0.2, T0), registered).Events;
        Assert.Contains(judged, e => e is NodeSuspended { ForStakeOnly: false });
        var staked = NodeDecider.Decider.When(new RecordStake(5_000, 1, Minimum, T0), [registered, .. judged]).Events;
        Assert.True(Assert.IsType<NodeStakeRecorded>(Assert.Single(staked)).Suspended);
        Assert.True(Fold([registered, .. judged, .. staked]).Barred);
    }

    [Fact]
    public void A_minimum_raised_later_suspends_an_understaked_node_at_its_next_registration()
    {
        var registered = Assert.IsType<NodeRegistered>(Assert.Single(NodeDecider.Decider.When(Register(0, 0)).Events));
        var again = NodeDecider.Decider.When(Register(0, Minimum), registered).Events;
        Assert.True(Assert.IsType<NodeStakeRecorded>(Assert.Single(again, e => e is NodeStakeRecorded)).Suspended);
        Assert.True(Fold([registered, .. again]).Barred);
        Assert.Empty(NodeDecider.Decider.When(Register(0, Minimum), [registered, .. again]).Events);   // once
    }

    [Fact]
    public void A_registration_under_the_minimum_is_refused_at_the_edge() =>
        Assert.Contains("stake must be at least the network's minimum of 1000 micro-credits (got 999)",
            RegisterNodeValidation.Validate(new RegisterNodeRequest("n1", "eu", ["matmul"], 5, 999, null, null), Minimum));

    [Fact]
    public void The_scheduler_hears_of_suspensions_by_stake_from_the_registration_and_the_stake_report()
    {
        var map = new IntegrationEventMap();
        var registered = Assert.IsType<NodeRegistered>(Assert.Single(NodeDecider.Decider.When(Register(Minimum, Minimum)).Events));
        var wire = Assert.IsType<Wire.NodeRegistered>(Assert.Single(map.Map(Stored(registered, 1))).Message);
        Assert.True(wire.Suspended);
        var report = Assert.IsType<Wire.NodeReputationChanged>(Assert.Single(map.Map(Stored(new NodeStakeRecorded(Minimum, 1, 0.5, 0, false, T0), 2))).Message);
        Assert.Equal((2L, false), (report.Version, report.Suspended));
    }

    private static IEvent Stored(INodeEvent data, long version) =>
        new Event<INodeEvent>(data) { StreamKey = NodeDecider.StreamId(NodeId), Version = version };
}
