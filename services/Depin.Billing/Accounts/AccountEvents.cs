namespace Depin.Billing.Accounts;

/// <summary>Events of an account stream (account-&lt;id&gt;). Amounts are micro-credits.</summary>
public interface IAccountEvent;

public sealed record FundsDeposited(Guid AccountId, long Amount, DateTimeOffset At) : IAccountEvent;
