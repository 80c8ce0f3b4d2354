using Depin.Contracts.Scheduler;
using Depin.EventSourcing.Deciding;
using Depin.NodeRegistry.Nodes;

namespace Depin.NodeRegistry.Tests;

public class ReputationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid NodeId = Guid.NewGuid();
    private static readonly NodeRegistered Registered = new(NodeId, Guid.NewGuid(), "n1", "eu", ["matmul"], 5, 0, T0, NodeOffer.CpuOnly(5), []);

    private static RecordVerdict Verdict(string outcome) => new(Guid.NewGuid(), Guid.NewGuid(), outcome, "because", 0.2, T0);

    private static List<INodeEvent> After(params string[] outcomes)
    {
        var events = new List<INodeEvent> { Registered };
        foreach (var outcome in outcomes) events.AddRange(NodeDecider.Decider.When(Verdict(outcome), [.. events]).Events);
        return events;
    }

    [Fact]
    public void A_newcomer_starts_at_one_half_and_agreements_raise_it() =>
        Assert.Equal([0.5, 2.0 / 3, 0.75], new[] { Reputation.Newcomer.Score, Reputation.Newcomer.With(NodeVerdicts.Agreed).Score,
            Reputation.Newcomer.With(NodeVerdicts.Agreed).With(NodeVerdicts.Agreed).Score });

    [Fact]
    public void A_wrong_result_with_nothing_to_its_credit_suspends_the_node_once()
    {
        var events = After(NodeVerdicts.WrongResult);
        var recorded = Assert.IsType<NodeVerdictRecorded>(events[1]);
        Assert.Equal((1.0 / 6, 0, true), (recorded.Score, recorded.AgreementStreak, recorded.Suspended));
        Assert.StartsWith("reputation 0.17 fell under 0.20", Assert.IsType<NodeSuspended>(events[2]).Reason);
        Assert.True(NodeDecider.Decider.Fold(events).Suspended);
        var again = NodeDecider.Decider.When(Verdict(NodeVerdicts.WrongResult), [.. events]).Events;
        Assert.IsType<NodeVerdictRecorded>(Assert.Single(again));   // recorded, but suspended only once
    }

    [Fact]
    public void An_honest_record_survives_one_wrong_result_but_its_streak_starts_again()
    {
        var outcomes = Enumerable.Repeat(NodeVerdicts.Agreed, 100).Append(NodeVerdicts.WrongResult).ToArray();
        var node = NodeDecider.Decider.Fold(After(outcomes));
        Assert.False(node.Suspended);
        Assert.Equal((100L, 1L, 0), (node.Standing.Agreed, node.Standing.Wrong, node.Standing.Streak));
        Assert.InRange(node.Standing.Score, 0.94, 0.96);
    }

    [Fact]
    public void Timeouts_weigh_less_than_wrong_results_but_enough_of_them_suspend()
    {
        Assert.False(NodeDecider.Decider.Fold(After(Enumerable.Repeat(NodeVerdicts.TimedOut, 5).ToArray())).Suspended);
        Assert.True(NodeDecider.Decider.Fold(After(Enumerable.Repeat(NodeVerdicts.TimedOut, 7).ToArray())).Suspended);
    }

    [Fact]
    public void An_operator_reinstates_a_suspended_node_on_probation_and_its_next_wrong_result_suspends_it_again()
    {
        var events = After(NodeVerdicts.WrongResult);
        var reinstated = Assert.IsType<NodeReinstated>(Assert.Single(NodeDecider.Decider.When(new ReinstateNode(Guid.NewGuid(), "fixed its GPU driver", T0), [.. events]).Events));
        Assert.Equal((true, 1.0 / 6, false), (reinstated.ForReputation, reinstated.Score, reinstated.StillBarred));
        events.Add(reinstated);
        Assert.False(NodeDecider.Decider.Fold(events).Barred);
        // The scheduler hears it as a standing no longer suspended, newer than the verdict's.
        var wire = Assert.IsType<Contracts.NodeRegistry.NodeReputationChanged>(Assert.Single(new Messaging.IntegrationEventMap().Map(
            new JasperFx.Events.Event<INodeEvent>(reinstated) { StreamKey = NodeDecider.StreamId(NodeId), Version = events.Count })).Message);
        Assert.Equal((false, 1.0 / 6, (long)events.Count), (wire.Suspended, wire.Score, wire.Version));
        // Not suspended, there is nothing to lift.
        Assert.Equal(RejectionCode.Conflict, NodeDecider.Decider.When(new ReinstateNode(Guid.NewGuid(), "again", T0), [.. events]).Rejection?.Code);
        // On probation: one more wrong result and it is out again; an agreement instead lifts its score over the threshold.
        var wrong = NodeDecider.Decider.When(Verdict(NodeVerdicts.WrongResult), [.. events]).Events;
        Assert.IsType<NodeSuspended>(wrong.Last());
        Assert.DoesNotContain(NodeDecider.Decider.When(Verdict(NodeVerdicts.Agreed), [.. events]).Events, e => e is NodeSuspended);
    }

    [Fact]
    public void Reinstating_a_node_also_short_of_stake_leaves_it_barred()
    {
        var events = After(NodeVerdicts.WrongResult);
        events.AddRange(NodeDecider.Decider.When(new RecordStake(0, 1, 1_000_000, T0), [.. events]).Events);
        var reinstated = Assert.IsType<NodeReinstated>(Assert.Single(NodeDecider.Decider.When(new ReinstateNode(Guid.NewGuid(), "fixed", T0), [.. events]).Events));
        Assert.True(reinstated.StillBarred);
        Assert.True(NodeDecider.Decider.Fold([.. events, reinstated]).Barred);
    }

    [Fact]
    public void An_unknown_outcome_or_node_changes_nothing()
    {
        Assert.Equal(RejectionCode.Invalid, NodeDecider.Decider.When(Verdict("bribed"), Registered).Rejection?.Code);
        Assert.Equal(RejectionCode.NotFound, NodeDecider.Decider.When(Verdict(NodeVerdicts.Agreed)).Rejection?.Code);
    }
}
