using Depin.Billing.Accounts;
using Depin.Billing.Ledger;

namespace Depin.Billing.Tests;

public class AccountDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid(), JobId = Guid.NewGuid(), Provider = Guid.NewGuid();
    private static readonly AccountOpened Opened = new(Id, "alice", "client", T0);

    private static EventStore.Deciding.Decision<IAccountEvent> When(IAccountCommand command, params IAccountEvent[] given) =>
        AccountDecider.Decide(command, AccountDecider.Decider.Fold(given));

    [Fact]
    public void Deposit_to_an_account_that_was_never_opened_is_rejected() =>
        Assert.Equal("the account does not exist", When(new Deposit(10, T0)).Rejection);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(AccountDecider.MaxDeposit + 1)]
    public void Deposit_outside_bounds_is_rejected(long amount) =>
        Assert.StartsWith("amount must be between 1 and", When(new Deposit(amount, T0), Opened).Rejection);

    [Fact]
    public void Hold_with_insufficient_funds_is_a_rejection_event_and_moves_no_money()
    {
        var rejected = Assert.IsType<HoldRejected>(Assert.Single(When(new PlaceHold(JobId, 500, T0), Opened, new FundsDeposited(499, T0)).Events));
        Assert.Equal(499, rejected.Available);
        Assert.Empty(LedgerProjection.Entry(rejected, Id.ToString()).Lines);
    }

    [Fact]
    public void Hold_for_an_unknown_account_is_rejected() =>
        Assert.IsType<HoldRejected>(Assert.Single(When(new PlaceHold(JobId, 1, T0)).Events));

    [Fact]
    public void Hold_moves_the_amount_from_available_to_held_once()
    {
        var given = new IAccountEvent[] { Opened, new FundsDeposited(1000, T0) };
        var placed = Assert.IsType<HoldPlaced>(Assert.Single(When(new PlaceHold(JobId, 600, T0), given).Events));
        var after = AccountDecider.Decider.Fold(given.Append(placed));
        Assert.Equal((400, 600), (after.Available, after.Held));
        Assert.Empty(When(new PlaceHold(JobId, 600, T0), [.. given, placed]).Events);
    }

    [Fact]
    public void Settlement_charges_the_cost_splits_the_fee_and_releases_the_rest_exactly()
    {
        var given = new IAccountEvent[] { Opened, new FundsDeposited(1000, T0), new HoldPlaced(JobId, 600, T0) };
        var s = Assert.IsType<HoldSettled>(Assert.Single(When(new SettleHold(JobId, 399, Provider, 500, T0), given).Events));
        Assert.Equal((600L, 399L, 380L, 19L, 201L), (s.Held, s.Charged, s.ProviderAmount, s.Fee, s.Released));   // 5% of 399 rounds down to 19
        Assert.Equal(s.Held, s.Charged + s.Released);
        Assert.Equal(s.Charged, s.ProviderAmount + s.Fee);
        var after = AccountDecider.Decider.Fold(given.Append(s));
        Assert.Equal((601, 0), (after.Available, after.Held));
    }

    [Fact]
    public void Settlement_never_charges_more_than_the_hold()
    {
        var s = Assert.IsType<HoldSettled>(Assert.Single(When(new SettleHold(JobId, 10_000, Provider, 500, T0), Opened, new FundsDeposited(1000, T0), new HoldPlaced(JobId, 600, T0)).Events));
        Assert.Equal(600, s.Charged);
        Assert.Equal(0, s.Released);
    }

    [Fact]
    public void Settlement_twice_or_after_release_changes_nothing()
    {
        var given = new IAccountEvent[] { Opened, new FundsDeposited(1000, T0), new HoldPlaced(JobId, 600, T0) };
        Assert.Empty(When(new SettleHold(JobId, 5, Provider, 500, T0), [.. given, new HoldSettled(JobId, 600, 5, Provider, 5, 0, 595, T0)]).Events);
        Assert.Empty(When(new SettleHold(JobId, 5, Provider, 500, T0), [.. given, new HoldReleased(JobId, 600, "x", T0)]).Events);
        Assert.Equal($"no hold for job {JobId}", When(new SettleHold(JobId, 5, Provider, 500, T0), Opened).Rejection);
    }

    [Fact]
    public void Release_returns_the_whole_hold_once()
    {
        var given = new IAccountEvent[] { Opened, new FundsDeposited(1000, T0), new HoldPlaced(JobId, 600, T0) };
        Assert.Equal(600, Assert.IsType<HoldReleased>(Assert.Single(When(new ReleaseHold(JobId, "failed", T0), given).Events)).Amount);
        Assert.Empty(When(new ReleaseHold(JobId, "failed", T0), [.. given, new HoldReleased(JobId, 600, "failed", T0)]).Events);
    }

    [Fact]
    public void Earnings_are_credited_once_per_job() =>
        Assert.Empty(When(new CreditEarnings(JobId, Id, 5, T0), new EarningsCredited(JobId, Id, 5, T0)).Events);

    public static TheoryData<IAccountEvent> MoneyEvents => new()
    {
        new FundsDeposited(1234, T0),
        new HoldPlaced(JobId, 600, T0),
        new HoldSettled(JobId, 600, 399, Provider, 380, 19, 201, T0),
        new HoldSettled(JobId, 600, 600, Provider, 570, 30, 0, T0),
        new HoldReleased(JobId, 600, "x", T0),
    };

    [Theory]
    [MemberData(nameof(MoneyEvents))]
    public void Every_ledger_entry_balances(IAccountEvent e)
    {
        var lines = LedgerProjection.Entry(e, Id.ToString()).Lines;
        Assert.NotEmpty(lines);
        Assert.Equal(0, lines.Sum(l => l.Amount));
    }
}
