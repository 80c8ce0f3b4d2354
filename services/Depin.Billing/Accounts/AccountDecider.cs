using Depin.EventSourcing.Deciding;
using AccountDecision = Depin.EventSourcing.Deciding.Decision<Depin.Billing.Accounts.IAccountEvent>;

namespace Depin.Billing.Accounts;

public static class AccountDecider
{
    /// <summary>Deposits above this are refused: a typo, not a payment (10^9 credits).</summary>
    public const long MaxDeposit = 1_000_000_000_000_000;

    /// <summary>The protocol's own account, which collects fees.</summary>
    public static readonly Guid ProtocolAccountId = new("00000000-0000-0000-0000-0000000000fe");

    public static readonly Decider<Account, IAccountCommand, IAccountEvent> Decider = new(Account.Initial, Account.Evolve, Decide);

    private const string Prefix = "account-";
    public static string StreamId(Guid accountId) => Prefix + accountId;
    public static Guid IdOf(string streamId) => Guid.Parse(streamId.AsSpan(Prefix.Length));

    public static AccountDecision Decide(IAccountCommand command, Account account) => command switch
    {
        Deposit c when c.Amount is <= 0 or > MaxDeposit =>
            AccountDecision.Reject(RejectionCode.Invalid, $"amount must be between 1 and {MaxDeposit} micro-credits (got {c.Amount})"),
        Deposit { IdempotencyKey: { } key } c when account.DepositedWith(key) is { } earlier => earlier == c.Amount
            ? AccountDecision.Nothing
            : AccountDecision.Reject(RejectionCode.Conflict, $"idempotency key '{key}' was used for a deposit of {earlier}, not {c.Amount}"),
        Deposit c when account.Deposited > long.MaxValue / 2 - c.Amount => AccountDecision.Reject(RejectionCode.Conflict, "the balance would overflow"),
        Deposit c => AccountDecision.Accept(new FundsDeposited(c.AccountId, c.Amount, c.Now, c.IdempotencyKey)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown account command"),
    };
}
