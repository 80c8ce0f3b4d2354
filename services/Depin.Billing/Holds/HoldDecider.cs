using Depin.EventSourcing.Deciding;
using HoldDecision = Depin.EventSourcing.Deciding.Decision<Depin.Billing.Holds.IHoldEvent>;

namespace Depin.Billing.Holds;

/// <summary>Places, settles and releases a job's hold; every repeat or late command is "already done".</summary>
public static class HoldDecider
{
    public static readonly Decider<Hold, IHoldCommand, IHoldEvent> Decider = new(Hold.Initial, Hold.Evolve, Decide);

    private const string Prefix = "hold-";
    public static string StreamId(Guid jobId) => Prefix + jobId;

    public static HoldDecision Decide(IHoldCommand command, Hold hold) => command switch
    {
        PlaceHold c => hold.Status != HoldStatus.None ? HoldDecision.Nothing : Place(c),
        SettleHold c => hold.Status switch
        {
            HoldStatus.Held => Settle(c, hold),
            HoldStatus.None => HoldDecision.Reject(RejectionCode.NotFound, $"no hold for job {c.JobId}"),
            _ => HoldDecision.Nothing,
        },
        ReleaseHold c => hold.Status switch
        {
            HoldStatus.Held => HoldDecision.Accept(new HoldReleased(c.JobId, hold.ClientAccountId, hold.Amount, c.Reason, c.Now)),
            HoldStatus.None => HoldDecision.Accept(new HoldReleased(c.JobId, c.ClientAccountId, 0, c.Reason, c.Now)),
            _ => HoldDecision.Nothing,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown hold command"),
    };

    private static HoldDecision Place(PlaceHold c)
    {
        string? reason = null;
        if (c.Amount <= 0) reason = "the job's maximum cost must be positive";
        else if (c.Available < c.Amount)
            reason = $"available balance {c.Available} is below the job's maximum cost {c.Amount} (micro-credits)";
        return reason is null
            ? HoldDecision.Accept(new HoldPlaced(c.JobId, c.ClientAccountId, c.Amount, c.Now))
            : HoldDecision.Accept(new HoldRejected(c.JobId, c.ClientAccountId, c.Amount, c.Available, reason, c.Now));
    }

    private static HoldDecision Settle(SettleHold c, Hold hold)
    {
        if (c.Cost < 0 || c.Replicas?.Any(r => r.Cost < 0) == true) return HoldDecision.Reject(RejectionCode.Invalid, "a cost cannot be negative");
        if (c.Replicas is not { Count: > 0 } replicas)
        {
            var charged = Math.Min(c.Cost, hold.Amount);
            var fee = Fee(charged, c.FeeBasisPoints);
            return HoldDecision.Accept(new HoldSettled(c.JobId, hold.ClientAccountId, hold.Amount, charged, c.ProviderAccountId, charged - fee, fee,
                hold.Amount - charged, c.Now));
        }
        // Each replica is charged in turn until the hold is spent (the scheduler never asks for more than it holds).
        var left = hold.Amount;
        var payouts = new List<Payout>();
        foreach (var r in replicas)
        {
            var share = Math.Min(r.Cost, left);
            left -= share;
            var fee = Fee(share, c.FeeBasisPoints);
            payouts.Add(new Payout(r.NodeId, r.ProviderAccountId, share, share - fee, fee));
        }
        return HoldDecision.Accept(new HoldSettled(c.JobId, hold.ClientAccountId, hold.Amount, hold.Amount - left, payouts[0].ProviderAccountId,
            payouts.Sum(p => p.Amount), payouts.Sum(p => p.Fee), left, c.Now, payouts));
    }

    private static long Fee(long charged, int basisPoints) => (long)((Int128)charged * basisPoints / 10_000);
}
