namespace Depin.Billing.Accounts;

public interface IAccountCommand;

/// <summary>An operator's deposit; with an idempotency key, a repeat of the same deposit credits nothing.</summary>
public sealed record Deposit(Guid AccountId, long Amount, DateTimeOffset Now, string? IdempotencyKey = null) : IAccountCommand;
