using Depin.Billing.Accounts;
using Depin.Billing.Holds;
using Depin.Billing.Ledger;
using Depin.EventSourcing.Deciding;

namespace Depin.Billing.Tests;

public class AccountDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(AccountDecider.MaxDeposit + 1)]
    public void Deposit_outside_bounds_is_rejected_as_invalid(long amount)
    {
        var rejection = AccountDecider.Decider.When(new Deposit(Id, amount, T0)).Rejection;
        Assert.Equal(RejectionCode.Invalid, rejection?.Code);
        Assert.StartsWith("amount must be between 1 and", rejection?.Detail);
    }

    [Fact]
    public void Deposit_adds_to_the_account()
    {
        var e = Assert.IsType<FundsDeposited>(Assert.Single(AccountDecider.Decider.When(new Deposit(Id, 10, T0), new FundsDeposited(Id, 5, T0)).Events));
        Assert.Equal((Id, 10L), (e.AccountId, e.Amount));
    }

    [Fact]
    public void A_repeated_deposit_key_for_the_same_amount_credits_nothing()
    {
        var earlier = new FundsDeposited(Id, 10, T0, "topup-1");
        var repeat = AccountDecider.Decider.When(new Deposit(Id, 10, T0.AddMinutes(1), "topup-1"), earlier);
        Assert.Empty(repeat.Events);
        Assert.Null(repeat.Rejection);
    }

    [Fact]
    public void A_deposit_key_reused_for_another_amount_is_a_conflict()
    {
        var rejection = AccountDecider.Decider.When(new Deposit(Id, 11, T0, "topup-1"), new FundsDeposited(Id, 10, T0, "topup-1")).Rejection;
        Assert.Equal(RejectionCode.Conflict, rejection?.Code);
        Assert.Equal("idempotency key 'topup-1' was used for a deposit of 10, not 11", rejection?.Detail);
    }

    [Fact]
    public void Keys_are_remembered_across_deposits_and_a_new_key_is_a_new_deposit()
    {
        var history = new IAccountEvent[] { new FundsDeposited(Id, 10, T0, "a"), new FundsDeposited(Id, 5, T0), new FundsDeposited(Id, 7, T0, "b") };
        var state = history.Aggregate(Account.Initial, Account.Evolve);
        Assert.Equal((22L, 10L, 7L), (state.Deposited, state.DepositedWith("a"), state.DepositedWith("b")));
        Assert.Empty(AccountDecider.Decider.When(new Deposit(Id, 10, T0, "a"), history).Events);
        var e = Assert.IsType<FundsDeposited>(Assert.Single(AccountDecider.Decider.When(new Deposit(Id, 10, T0, "c"), history).Events));
        Assert.Equal("c", e.IdempotencyKey);
    }
}

public class HoldDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Client = Guid.NewGuid(), JobId = Guid.NewGuid(), Provider = Guid.NewGuid();
    private static readonly HoldPlaced Placed = new(JobId, Client, 600, T0);
    private static readonly Decider<Hold, IHoldCommand, IHoldEvent> Hold = HoldDecider.Decider;

    [Fact]
    public void Hold_with_insufficient_funds_is_a_rejection_event_and_moves_no_money()
    {
        var rejected = Assert.IsType<HoldRejected>(Assert.Single(Hold.When(new PlaceHold(JobId, Client, 500, 499, T0)).Events));
        Assert.Equal((499L, 500L), (rejected.Available, rejected.Requested));
        Assert.Empty(LedgerEntries.Of(rejected).Lines);
    }

    [Fact]
    public void Hold_is_placed_once_whatever_arrives_again()
    {
        Assert.Equal(Placed with { At = T0 }, Assert.IsType<HoldPlaced>(Assert.Single(Hold.When(new PlaceHold(JobId, Client, 600, 1000, T0)).Events)));
        Assert.Empty(Hold.When(new PlaceHold(JobId, Client, 600, 1000, T0), Placed).Events);
    }

    [Fact]
    public void Settlement_charges_the_cost_splits_the_fee_and_releases_the_rest_exactly()
    {
        var s = Assert.IsType<HoldSettled>(Assert.Single(Hold.When(new SettleHold(JobId, 399, Provider, 500, T0), Placed).Events));
        Assert.Equal((600L, 399L, 380L, 19L, 201L), (s.Held, s.Charged, s.ProviderAmount, s.Fee, s.Released));   // 5% of 399 rounds down to 19
        Assert.Equal(s.Held, s.Charged + s.Released);
        Assert.Equal(s.Charged, s.ProviderAmount + s.Fee);
        Assert.Equal((Client, Provider), (s.ClientAccountId, s.ProviderAccountId));
    }

    [Fact]
    public void A_replicated_job_pays_each_agreeing_replica_its_own_cost_less_the_fee_in_one_balanced_entry()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var s = Assert.IsType<HoldSettled>(Assert.Single(Hold.When(new SettleHold(JobId, 399 + 201, first, 500, T0,
            [new ReplicaCost(Guid.NewGuid(), first, 399), new ReplicaCost(Guid.NewGuid(), second, 201)]), Placed).Events));
        Assert.Equal((600L, 600L, 0L), (s.Held, s.Charged, s.Released));
        Assert.Equal([(first, 399L, 380L, 19L), (second, 201L, 191L, 10L)], s.Shares().Select(p => (p.ProviderAccountId, p.Charged, p.Amount, p.Fee)).ToList());
        Assert.Equal((571L, 29L), (s.ProviderAmount, s.Fee));
        var lines = LedgerEntries.Of(s).Lines;
        Assert.Equal(0, lines.Sum(l => l.Amount));
        Assert.Equal(380, lines.Single(l => l.Account == LedgerAccounts.Available(first)).Amount);
        Assert.Equal(191, lines.Single(l => l.Account == LedgerAccounts.Available(second)).Amount);
    }

    [Fact]
    public void Settlement_never_charges_more_than_the_hold()
    {
        var s = Assert.IsType<HoldSettled>(Assert.Single(Hold.When(new SettleHold(JobId, 10_000, Provider, 500, T0), Placed).Events));
        Assert.Equal((600L, 0L), (s.Charged, s.Released));
    }

    [Fact]
    public void Settlement_twice_or_after_release_changes_nothing_and_without_a_hold_is_not_found()
    {
        Assert.Empty(Hold.When(new SettleHold(JobId, 5, Provider, 500, T0), Placed, new HoldSettled(JobId, Client, 600, 5, Provider, 5, 0, 595, T0)).Events);
        Assert.Empty(Hold.When(new SettleHold(JobId, 5, Provider, 500, T0), Placed, new HoldReleased(JobId, Client, 600, "x", T0)).Events);
        Assert.Equal(RejectionCode.NotFound, Hold.When(new SettleHold(JobId, 5, Provider, 500, T0)).Rejection?.Code);
    }

    [Fact]
    public void Release_returns_the_whole_hold_once()
    {
        Assert.Equal(600, Assert.IsType<HoldReleased>(Assert.Single(Hold.When(new ReleaseHold(JobId, Client, "failed", T0), Placed).Events)).Amount);
        Assert.Empty(Hold.When(new ReleaseHold(JobId, Client, "failed", T0), Placed, new HoldReleased(JobId, Client, 600, "failed", T0)).Events);
        Assert.Empty(Hold.When(new ReleaseHold(JobId, Client, "failed", T0), Placed, new HoldSettled(JobId, Client, 600, 5, Provider, 5, 0, 595, T0)).Events);
    }

    [Fact]
    public void A_job_that_ended_before_its_hold_was_placed_voids_the_hold_for_good()
    {
        var voided = Assert.IsType<HoldReleased>(Assert.Single(Hold.When(new ReleaseHold(JobId, Client, "job cancelled", T0)).Events));
        Assert.Equal(0, voided.Amount);
        Assert.Empty(Hold.When(new PlaceHold(JobId, Client, 600, 1000, T0), voided).Events);
    }

    public static TheoryData<object> MoneyEvents => new()
    {
        new FundsDeposited(Client, 1234, T0),
        Placed,
        new HoldSettled(JobId, Client, 600, 399, Provider, 380, 19, 201, T0),
        new HoldSettled(JobId, Client, 600, 600, Provider, 570, 30, 0, T0),
        new HoldReleased(JobId, Client, 600, "x", T0),
    };

    [Theory]
    [MemberData(nameof(MoneyEvents))]
    public void Every_ledger_entry_balances(object e)
    {
        var lines = LedgerEntries.Of(e).Lines;
        Assert.NotEmpty(lines);
        Assert.Equal(0, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void A_settlement_credits_the_provider_and_the_treasury_without_touching_their_streams()
    {
        var lines = LedgerEntries.Of(new HoldSettled(JobId, Client, 600, 399, Provider, 380, 19, 201, T0)).Lines.ToDictionary(l => l.Account, l => l.Amount);
        Assert.Equal(380, lines[LedgerAccounts.Available(Provider)]);
        Assert.Equal(19, lines[LedgerAccounts.Available(AccountDecider.ProtocolAccountId)]);
        Assert.Equal(-600, lines[LedgerAccounts.Escrow(Client)]);
        Assert.Equal(201, lines[LedgerAccounts.Available(Client)]);
    }
}
