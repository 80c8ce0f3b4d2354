using System.Collections.Immutable;

namespace Depin.Billing.Stakes;

/// <summary>Stake on its way back to the provider: still slashable until ReleasableAt, then released.</summary>
public sealed record Unbonding(long Amount, DateTimeOffset ReleasableAt);

/// <summary>
/// A node's stake: money its provider put up as a bond for honest work. Bonded counts towards the registry's minimum;
/// unbonding stake no longer does, but can still be slashed during its cooling-off, so a node cannot lie and withdraw
/// before the verdict arrives. Verdicts holds every verdict already applied, so a redelivered one slashes nothing.
/// </summary>
public sealed record NodeStake(Guid NodeId, Guid ProviderAccountId, long Bonded, ImmutableList<Unbonding> Unbondings, long Slashed,
    long RegistrationVersion, ImmutableHashSet<Guid> Verdicts)
{
    public static readonly NodeStake Initial = new(Guid.Empty, Guid.Empty, 0, [], 0, 0, []);

    public bool Known => NodeId != Guid.Empty;
    public long Unbonding => Unbondings.Sum(u => u.Amount);
    public long Slashable => Bonded + Unbonding;
    public long ReleasableBy(DateTimeOffset now) => Unbondings.Where(u => u.ReleasableAt <= now).Sum(u => u.Amount);
    public DateTimeOffset? NextRelease => Unbondings.Count == 0 ? null : Unbondings.Min(u => u.ReleasableAt);

    public static NodeStake Evolve(NodeStake state, IStakeEvent @event)
    {
        var s = state with { NodeId = @event.NodeId, ProviderAccountId = @event.ProviderAccountId, Bonded = @event.Bonded };
        return @event switch
        {
            StakeOpened e => s with { RegistrationVersion = e.RegistrationVersion },
            StakeBonded { RegistrationVersion: { } version } => s with { RegistrationVersion = version },
            StakeShortfall e => s with { RegistrationVersion = e.RegistrationVersion },
            StakeUnbonding e => s with { Unbondings = s.Unbondings.Add(new Unbonding(e.Amount, e.ReleasableAt)) },
            StakeReleased e => s with { Unbondings = s.Unbondings.RemoveAll(u => u.ReleasableAt <= e.At) },
            StakeSlashed e => s with
            {
                Unbondings = TakeNewestFirst(s.Unbondings, e.Amount - e.FromBonded), Slashed = s.Slashed + e.Amount, Verdicts = s.Verdicts.Add(e.VerdictId),
            },
            _ => s,
        };
    }

    /// <summary>Takes an amount off the unbonding stake, the latest to mature first (the provider's earliest claims survive longest).</summary>
    private static ImmutableList<Unbonding> TakeNewestFirst(ImmutableList<Unbonding> unbondings, long amount)
    {
        var left = amount;
        var kept = new List<Unbonding>();
        foreach (var u in unbondings.OrderByDescending(u => u.ReleasableAt))
        {
            var taken = Math.Min(left, u.Amount);
            left -= taken;
            if (u.Amount > taken) kept.Add(u with { Amount = u.Amount - taken });
        }
        return [.. kept.OrderBy(u => u.ReleasableAt)];
    }
}
