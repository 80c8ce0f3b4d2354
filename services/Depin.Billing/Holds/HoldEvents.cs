namespace Depin.Billing.Holds;

/// <summary>Events of a hold stream. Each money-moving one is exactly one balanced ledger entry (Ledger/LedgerEntries.cs).</summary>
public interface IHoldEvent;

public sealed record HoldPlaced(Guid JobId, Guid ClientAccountId, long Amount, DateTimeOffset At) : IHoldEvent;

public sealed record HoldRejected(Guid JobId, Guid ClientAccountId, long Requested, long Available, string Reason, DateTimeOffset At) : IHoldEvent;

/// <summary>
/// Held = Charged + Released; Charged = ProviderAmount + Fee. Payouts: each replica's share of a job verified by replication
/// (null for a job that ran alone: ProviderAccountId got ProviderAmount); ProviderAmount and Fee are then their sums.
/// </summary>
public sealed record HoldSettled(Guid JobId, Guid ClientAccountId, long Held, long Charged, Guid ProviderAccountId, long ProviderAmount,
    long Fee, long Released, DateTimeOffset At, IReadOnlyList<Payout>? Payouts = null) : IHoldEvent
{
    /// <summary>Who was paid what: every replica's payout, or the one provider's (a method, so it is never stored with the event).</summary>
    public IReadOnlyList<Payout> Shares() => Payouts ?? [new Payout(null, ProviderAccountId, Charged, ProviderAmount, Fee)];
}

/// <summary>One provider's share of a settlement: Charged (of the client) = Amount (to the provider) + Fee (to the treasury).</summary>
public sealed record Payout(Guid? NodeId, Guid ProviderAccountId, long Charged, long Amount, long Fee);

/// <summary>The whole hold goes back. Amount 0 when the job ended before its hold was placed: the hold is void and will never be placed.</summary>
public sealed record HoldReleased(Guid JobId, Guid ClientAccountId, long Amount, string Reason, DateTimeOffset At) : IHoldEvent;
