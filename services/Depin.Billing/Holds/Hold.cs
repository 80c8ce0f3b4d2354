namespace Depin.Billing.Holds;

public enum HoldStatus { None, Held, Rejected, Settled, Released }

/// <summary>
/// A job's escrow as a two-phase transfer: pending once placed, then resolved at most once, posted
/// (settled: part charged, the rest back to the client) or voided (released). One stream per job
/// (hold-&lt;job id&gt;), so resolving one job's hold never contends with another's.
/// </summary>
public sealed record Hold(Guid JobId, HoldStatus Status, Guid ClientAccountId, long Amount)
{
    public static readonly Hold Initial = new(Guid.Empty, HoldStatus.None, Guid.Empty, 0);

    public static Hold Evolve(Hold state, IHoldEvent @event) => @event switch
    {
        HoldPlaced e => new Hold(e.JobId, HoldStatus.Held, e.ClientAccountId, e.Amount),
        HoldRejected e => new Hold(e.JobId, HoldStatus.Rejected, e.ClientAccountId, 0),
        HoldSettled => state with { Status = HoldStatus.Settled },
        HoldReleased e => state with { JobId = e.JobId, ClientAccountId = e.ClientAccountId, Status = HoldStatus.Released },
        _ => state,
    };
}
