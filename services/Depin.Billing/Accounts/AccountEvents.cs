namespace Depin.Billing.Accounts;

/// <summary>Events of an account stream. Amounts are micro-credits.</summary>
public interface IAccountEvent;

public sealed record AccountOpened(Guid AccountId, string Name, string Role, DateTimeOffset At) : IAccountEvent;

public sealed record FundsDeposited(long Amount, DateTimeOffset At) : IAccountEvent;

public sealed record HoldPlaced(Guid JobId, long Amount, DateTimeOffset At) : IAccountEvent;

public sealed record HoldRejected(Guid JobId, long Requested, long Available, string Reason, DateTimeOffset At) : IAccountEvent;

/// <summary>Held = Charged + Released; Charged = ProviderAmount + Fee. The one balanced ledger entry of a settlement.</summary>
public sealed record HoldSettled(Guid JobId, long Held, long Charged, Guid ProviderAccountId, long ProviderAmount, long Fee, long Released,
    DateTimeOffset At) : IAccountEvent;

public sealed record HoldReleased(Guid JobId, long Amount, string Reason, DateTimeOffset At) : IAccountEvent;

/// <summary>The provider's side of a settlement (its ledger line is part of HoldSettled).</summary>
public sealed record EarningsCredited(Guid JobId, Guid ClientAccountId, long Amount, DateTimeOffset At) : IAccountEvent;

/// <summary>The protocol's side of a settlement (its ledger line is part of HoldSettled).</summary>
public sealed record FeeCollected(Guid JobId, long Amount, DateTimeOffset At) : IAccountEvent;
