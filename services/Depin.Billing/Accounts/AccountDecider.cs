using Depin.EventStore.Deciding;
using AccountDecision = Depin.EventStore.Deciding.Decision<Depin.Billing.Accounts.IAccountEvent>;

namespace Depin.Billing.Accounts;

public static class AccountDecider
{
    /// <summary>Deposits above this are refused: a typo, not a payment (10^9 credits).</summary>
    public const long MaxDeposit = 1_000_000_000_000_000;

    /// <summary>The protocol's own account, which collects fees.</summary>
    public static readonly Guid ProtocolAccountId = new("00000000-0000-0000-0000-0000000000fe");

    public static readonly Decider<Account, IAccountCommand, IAccountEvent> Decider = new(Account.Initial, Account.Evolve, Decide);

    public static string StreamId(Guid accountId) => $"account-{accountId}";
    public static Guid IdOf(string streamId) => Guid.Parse(streamId.AsSpan("account-".Length));

    public static AccountDecision Decide(IAccountCommand command, Account account) => command switch
    {
        OpenAccount c => account.Opened ? AccountDecision.Nothing : AccountDecision.Accept(new AccountOpened(c.AccountId, c.Name, c.Role, c.Now)),
        Deposit c => DepositFunds(c, account),
        PlaceHold c => Hold(c, account),
        SettleHold c => Settle(c, account),
        ReleaseHold c => account.Holds.TryGetValue(c.JobId, out var held)
            ? AccountDecision.Accept(new HoldReleased(c.JobId, held, c.Reason, c.Now))
            : AccountDecision.Nothing,
        CreditEarnings c => account.DoneJobs.Contains(c.JobId) ? AccountDecision.Nothing
            : AccountDecision.Accept(new EarningsCredited(c.JobId, c.ClientAccountId, c.Amount, c.Now)),
        CollectFee c => account.DoneJobs.Contains(c.JobId) ? AccountDecision.Nothing
            : AccountDecision.Accept(new FeeCollected(c.JobId, c.Amount, c.Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown account command"),
    };

    private static AccountDecision DepositFunds(Deposit c, Account account)
    {
        if (!account.Opened) return AccountDecision.Reject("the account does not exist");
        if (c.Amount is <= 0 or > MaxDeposit) return AccountDecision.Reject($"amount must be between 1 and {MaxDeposit} micro-credits (got {c.Amount})");
        if (account.Available > long.MaxValue - c.Amount) return AccountDecision.Reject("the balance would overflow");
        return AccountDecision.Accept(new FundsDeposited(c.Amount, c.Now));
    }

    private static AccountDecision Hold(PlaceHold c, Account account)
    {
        if (account.Holds.ContainsKey(c.JobId) || account.DoneJobs.Contains(c.JobId)) return AccountDecision.Nothing;
        string? reason = null;
        if (c.Amount <= 0) reason = "the job's maximum cost must be positive";
        else if (!account.Opened) reason = "the account has no funds (it is not known to billing)";
        else if (account.Available < c.Amount)
            reason = $"available balance {account.Available} is below the job's maximum cost {c.Amount} (micro-credits)";
        return reason is null
            ? AccountDecision.Accept(new HoldPlaced(c.JobId, c.Amount, c.Now))
            : AccountDecision.Accept(new HoldRejected(c.JobId, c.Amount, account.Available, reason, c.Now));
    }

    private static AccountDecision Settle(SettleHold c, Account account)
    {
        if (!account.Holds.TryGetValue(c.JobId, out var held))
            return account.DoneJobs.Contains(c.JobId) ? AccountDecision.Nothing : AccountDecision.Reject($"no hold for job {c.JobId}");
        if (c.Cost < 0) return AccountDecision.Reject("a cost cannot be negative");
        var charged = Math.Min(c.Cost, held);
        var fee = (long)((Int128)charged * c.FeeBasisPoints / 10_000);
        return AccountDecision.Accept(new HoldSettled(c.JobId, held, charged, c.ProviderAccountId, charged - fee, fee, held - charged, c.Now));
    }
}
