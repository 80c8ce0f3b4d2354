namespace Depin.Billing.Accounts;

public interface IAccountCommand;

public sealed record OpenAccount(Guid AccountId, string Name, string Role, DateTimeOffset Now) : IAccountCommand;

public sealed record Deposit(long Amount, DateTimeOffset Now) : IAccountCommand;

public sealed record PlaceHold(Guid JobId, long Amount, DateTimeOffset Now) : IAccountCommand;

/// <summary>Charge min(Cost, held), split into the provider's share and the protocol fee (basis points, rounded down).</summary>
public sealed record SettleHold(Guid JobId, long Cost, Guid ProviderAccountId, int FeeBasisPoints, DateTimeOffset Now) : IAccountCommand;

public sealed record ReleaseHold(Guid JobId, string Reason, DateTimeOffset Now) : IAccountCommand;

public sealed record CreditEarnings(Guid JobId, Guid ClientAccountId, long Amount, DateTimeOffset Now) : IAccountCommand;

public sealed record CollectFee(Guid JobId, long Amount, DateTimeOffset Now) : IAccountCommand;
