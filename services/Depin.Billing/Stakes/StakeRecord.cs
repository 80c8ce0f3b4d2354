using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Depin.Billing.Stakes;

/// <summary>A node's stake as the API shows it and the releaser finds it (inline: written with each stake event).</summary>
public sealed class StakeRecord
{
    public string Id { get; set; } = "";
    public Guid NodeId { get; set; }
    public Guid ProviderAccountId { get; set; }
    public long Bonded { get; set; }
    public List<Unbonding> Unbondings { get; set; } = [];
    public long Slashed { get; set; }
    public int Slashes { get; set; }

    /// <summary>When the earliest unbonding stake matures (null: none is unbonding); the releaser looks for those due.</summary>
    public DateTimeOffset? NextReleaseAt { get; set; }

    /// <summary>Why the latest registration's stake could not be bonded, until a later bond succeeds.</summary>
    public string? Shortfall { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Fed only stake events: billing's other streams (accounts, holds) make no stake records.</summary>
public sealed class StakeRecordProjection : SingleStreamProjection<StakeRecord, string>
{
    public StakeRecordProjection()
    {
        foreach (var type in typeof(IStakeEvent).Assembly.GetTypes().Where(t => t.IsClass && t.IsAssignableTo(typeof(IStakeEvent)))) IncludeType(type);
    }

    public override StakeRecord Evolve(StakeRecord? snapshot, string id, IEvent e)
    {
        var r = snapshot ?? new StakeRecord { Id = id };
        if (e.Data is not IStakeEvent stakeEvent) return r;
        var before = new NodeStake(r.NodeId, r.ProviderAccountId, r.Bonded, [.. r.Unbondings], r.Slashed, 0, []);
        var after = NodeStake.Evolve(before, stakeEvent);
        (r.NodeId, r.ProviderAccountId, r.Bonded, r.Unbondings, r.Slashed, r.NextReleaseAt, r.UpdatedAt) =
            (after.NodeId, after.ProviderAccountId, after.Bonded, [.. after.Unbondings], after.Slashed, after.NextRelease, e.Timestamp);
        r.Shortfall = stakeEvent switch
        {
            StakeShortfall s => s.Reason,
            StakeBonded => null,
            _ => r.Shortfall,
        };
        if (stakeEvent is StakeSlashed) r.Slashes++;
        return r;
    }
}
