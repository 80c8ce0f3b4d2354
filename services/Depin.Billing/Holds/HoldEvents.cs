namespace Depin.Billing.Holds;

/// <summary>Events of a hold stream. Each money-moving one is exactly one balanced ledger entry (Ledger/LedgerEntries.cs).</summary>
public interface IHoldEvent;

public sealed record HoldPlaced(Guid JobId, Guid ClientAccountId, long Amount, DateTimeOffset At) : IHoldEvent;

public sealed record HoldRejected(Guid JobId, Guid ClientAccountId, long Requested, long Available, string Reason, DateTimeOffset At) : IHoldEvent;

/// <summary>Held = Charged + Released; Charged = ProviderAmount + Fee.</summary>
public sealed record HoldSettled(Guid JobId, Guid ClientAccountId, long Held, long Charged, Guid ProviderAccountId, long ProviderAmount,
    long Fee, long Released, DateTimeOffset At) : IHoldEvent;

/// <summary>The whole hold goes back. Amount 0 when the job ended before its hold was placed: the hold is void and will never be placed.</summary>
public sealed record HoldReleased(Guid JobId, Guid ClientAccountId, long Amount, string Reason, DateTimeOffset At) : IHoldEvent;
