using Depin.Billing.Accounts;
using Depin.Billing.Ledger;
using Depin.Billing.Stakes;
using Depin.EventSourcing.Deciding;

namespace Depin.Billing.Tests;

public class StakeDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Node = Guid.NewGuid(), Provider = Guid.NewGuid(), Client = Guid.NewGuid(), Stranger = Guid.NewGuid();
    private static readonly TimeSpan CoolingOff = TimeSpan.FromDays(7);

    private static readonly StakeBonded Bonded1000 = new(Node, Provider, 1_000, 1_000, 1, T0);

    private static IStakeEvent Single(IStakeCommand command, params IStakeEvent[] history)
    {
        var decision = StakeDecider.Decider.When(command, history);
        Assert.Null(decision.Rejection);
        return Assert.Single(decision.Events);
    }

    [Fact]
    public void A_registration_bonds_what_its_stake_is_missing_and_never_twice()
    {
        var first = Assert.IsType<StakeBonded>(Single(new StakeForRegistration(Node, Provider, 1_000, 1, 5_000, T0)));
        Assert.Equal((1_000L, 1_000L, (long?)1), (first.Amount, first.Bonded, first.RegistrationVersion));

        // The same registration again, or an older one, bonds nothing; a later one asking more bonds the difference.
        Assert.Empty(StakeDecider.Decider.When(new StakeForRegistration(Node, Provider, 1_000, 1, 5_000, T0), first).Events);
        Assert.Empty(StakeDecider.Decider.When(new StakeForRegistration(Node, Provider, 3_000, 0, 5_000, T0), first).Events);
        var more = Assert.IsType<StakeBonded>(Single(new StakeForRegistration(Node, Provider, 1_500, 4, 5_000, T0), first));
        Assert.Equal((500L, 1_500L), (more.Amount, more.Bonded));
        // A registration asking less than is bonded lowers nothing (unbonding does).
        Assert.Empty(StakeDecider.Decider.When(new StakeForRegistration(Node, Provider, 200, 5, 5_000, T0), first, more).Events);
    }

    [Fact]
    public void A_registration_the_provider_cannot_cover_records_the_shortfall_and_moves_nothing()
    {
        var shortfall = Assert.IsType<StakeShortfall>(Single(new StakeForRegistration(Node, Provider, 1_000, 1, 999, T0)));
        Assert.Equal((1_000L, 999L, 0L), (shortfall.Wanted, shortfall.Available, shortfall.Bonded));
        Assert.Contains("available balance 999 is below the 1000", shortfall.Reason);
        Assert.Empty(LedgerEntries.Of(shortfall).Lines);
        // A node registered without stake is still known to billing, so its provider can stake on it later.
        var opened = Assert.IsType<StakeOpened>(Single(new StakeForRegistration(Node, Provider, 0, 1, 0, T0)));
        Assert.IsType<StakeBonded>(Single(new AddStake(Node, Provider, 50, 50, T0), opened));
    }

    [Theory]
    [InlineData(0, 100, RejectionCode.Invalid)]
    [InlineData(101, 100, RejectionCode.Conflict)]
    [InlineData(StakeDecider.MaxStake + 1, long.MaxValue, RejectionCode.Invalid)]
    public void Adding_stake_needs_a_sane_amount_the_provider_can_cover(long amount, long available, RejectionCode code) =>
        Assert.Equal(code, StakeDecider.Decider.When(new AddStake(Node, Provider, amount, available, T0), Bonded1000).Rejection?.Code);

    [Fact]
    public void Only_the_nodes_provider_stakes_or_unbonds_and_only_on_a_node_billing_knows()
    {
        Assert.Equal(RejectionCode.Forbidden, StakeDecider.Decider.When(new AddStake(Node, Stranger, 10, 100, T0), Bonded1000).Rejection?.Code);
        Assert.Equal(RejectionCode.Forbidden, StakeDecider.Decider.When(new UnbondStake(Node, Stranger, 10, CoolingOff, T0), Bonded1000).Rejection?.Code);
        Assert.Equal(RejectionCode.NotFound, StakeDecider.Decider.When(new AddStake(Node, Provider, 10, 100, T0)).Rejection?.Code);
        Assert.Equal(RejectionCode.Conflict,
            StakeDecider.Decider.When(new StakeForRegistration(Node, Stranger, 10, 7, 100, T0), Bonded1000).Rejection?.Code);
    }

    [Fact]
    public void Unbonded_stake_comes_back_only_after_the_cooling_off()
    {
        var unbonding = Assert.IsType<StakeUnbonding>(Single(new UnbondStake(Node, Provider, 400, CoolingOff, T0), Bonded1000));
        Assert.Equal((600L, T0 + CoolingOff), (unbonding.Bonded, unbonding.ReleasableAt));
        Assert.Empty(LedgerEntries.Of(unbonding).Lines);   // still staked: no money moves yet
        Assert.Equal(RejectionCode.Invalid, StakeDecider.Decider.When(new UnbondStake(Node, Provider, 601, CoolingOff, T0), Bonded1000, unbonding).Rejection?.Code);

        Assert.Empty(StakeDecider.Decider.When(new ReleaseStake(T0 + CoolingOff - TimeSpan.FromSeconds(1)), Bonded1000, unbonding).Events);
        var released = Assert.IsType<StakeReleased>(Single(new ReleaseStake(T0 + CoolingOff), Bonded1000, unbonding));
        Assert.Equal(400, released.Amount);
        Assert.Empty(StakeDecider.Decider.When(new ReleaseStake(T0 + CoolingOff * 2), Bonded1000, unbonding, released).Events);

        var lines = LedgerEntries.Of(released).Lines.ToDictionary(l => l.Account, l => l.Amount);
        Assert.Equal((-400L, 400L), (lines[LedgerAccounts.Staked(Provider)], lines[LedgerAccounts.Available(Provider)]));
    }

    [Fact]
    public void A_wrong_result_slashes_a_share_of_the_stake_once_half_to_the_client_and_records_the_verdict()
    {
        var verdict = Guid.NewGuid();
        var job = Guid.NewGuid();
        var slash = new SlashStake(Node, verdict, job, Client, "outvoted 2 to 1", 1_000, 5_000, T0);
        var slashed = Assert.IsType<StakeSlashed>(Single(slash, Bonded1000));
        Assert.Equal((100L, 100L, 50L, 50L, 900L), (slashed.Amount, slashed.FromBonded, slashed.ToClient, slashed.ToTreasury, slashed.Bonded));
        Assert.Empty(StakeDecider.Decider.When(slash, Bonded1000, slashed).Events);   // the same verdict again: already done

        var entry = LedgerEntries.Of(slashed);
        Assert.Equal(("slash", (Guid?)job, (Guid?)verdict), (entry.Kind, entry.JobId, entry.VerdictId));
        var lines = entry.Lines.ToDictionary(l => l.Account, l => l.Amount);
        Assert.Equal(-100, lines[LedgerAccounts.Staked(Provider)]);
        Assert.Equal(50, lines[LedgerAccounts.Available(Client)]);
        Assert.Equal(50, lines[LedgerAccounts.Available(AccountDecider.ProtocolAccountId)]);
    }

    [Fact]
    public void Unbonding_stake_is_still_slashable_newest_first()
    {
        var (early, late) = (new StakeUnbonding(Node, Provider, 300, 700, T0.AddDays(1), T0), new StakeUnbonding(Node, Provider, 600, 100, T0.AddDays(2), T0));
        // 50% of 1,000 (100 bonded + 900 unbonding) = 500: 100 from the bond, 400 from the unbonding that matures last.
        var slashed = Assert.IsType<StakeSlashed>(Single(new SlashStake(Node, Guid.NewGuid(), Guid.NewGuid(), null, "wrong", 5_000, 5_000, T0),
            Bonded1000, early, late));
        Assert.Equal((500L, 100L, 0L, 500L), (slashed.Amount, slashed.FromBonded, slashed.ToClient, slashed.ToTreasury));
        var after = StakeDecider.Decider.Fold(NodeStake.Initial, [Bonded1000, early, late, slashed]);
        Assert.Equal([new Unbonding(300, T0.AddDays(1)), new Unbonding(200, T0.AddDays(2))], after.Unbondings);
        Assert.Equal((0L, 500L), (after.Bonded, after.Slashed));
        // Released at maturity is what is left of each claim.
        Assert.Equal(300, Assert.IsType<StakeReleased>(Single(new ReleaseStake(T0.AddDays(1)), Bonded1000, early, late, slashed)).Amount);
    }

    [Fact]
    public void Every_stake_movement_is_a_balanced_entry()
    {
        IStakeEvent[] events =
        [
            Bonded1000, new StakeReleased(Node, Provider, 10, 0, T0),
            new StakeSlashed(Node, Provider, Guid.NewGuid(), Guid.NewGuid(), Client, 101, 101, 50, 51, 0, "wrong", T0),
            new StakeSlashed(Node, Provider, Guid.NewGuid(), Guid.NewGuid(), null, 7, 7, 0, 7, 0, "wrong", T0),
        ];
        Assert.All(events, e => Assert.Equal(0, LedgerEntries.Of(e).Lines.Sum(l => l.Amount)));
        Assert.All(events, e => Assert.NotEmpty(LedgerEntries.Of(e).Lines));
    }
}
