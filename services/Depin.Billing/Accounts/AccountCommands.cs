namespace Depin.Billing.Accounts;

public interface IAccountCommand;

public sealed record Deposit(Guid AccountId, long Amount, DateTimeOffset Now) : IAccountCommand;
