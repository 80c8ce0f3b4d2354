namespace Depin.Billing.Accounts;

/// <summary>Events of an account stream (account-&lt;id&gt;). Amounts are micro-credits.</summary>
public interface IAccountEvent;

/// <summary>IdempotencyKey is absent in events stored before keys existed, and for deposits made without one.</summary>
public sealed record FundsDeposited(Guid AccountId, long Amount, DateTimeOffset At, string? IdempotencyKey = null) : IAccountEvent;
