namespace Depin.NodeRegistry.Nodes;

public interface INodeEvent;

/// <summary>Registrations stored before device offers (no offers, no accelerators) are read through <see cref="RegistrationUpcast"/>.
/// Slots is null in registrations stored before slots: one. AwaitingStake: the registry asks a minimum stake, so the node starts
/// suspended until billing reports it bonded.</summary>
public sealed record NodeRegistered(Guid NodeId, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities,
    long PricePerUnit, long Stake, DateTimeOffset At, IReadOnlyList<NodeOffer> Offers, IReadOnlyList<NodeAccelerator> Accelerators, int? Slots = null,
    bool AwaitingStake = false) : INodeEvent;

/// <summary>The provider registered the same node name again with new capabilities, devices, prices or stake.</summary>
public sealed record NodeUpdated(Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities, long PricePerUnit, long Stake,
    DateTimeOffset At, IReadOnlyList<NodeOffer> Offers, IReadOnlyList<NodeAccelerator> Accelerators, int? Slots = null) : INodeEvent;

public sealed record NodeWentOffline(DateTimeOffset At) : INodeEvent;

public sealed record NodeCameOnline(DateTimeOffset At) : INodeEvent;

public sealed record NodeDrained(Guid RequestedBy, DateTimeOffset At) : INodeEvent;

/// <summary>
/// A verified outcome of one of the node's attempts (<see cref="Depin.Contracts.Scheduler.NodeVerdicts"/>), with the reputation
/// it left: Score, the verified results agreeing in a row, and whether the node is suspended now.
/// </summary>
public sealed record NodeVerdictRecorded(Guid VerdictId, Guid JobId, string Outcome, string Reason, double Score, int AgreementStreak, bool Suspended,
    DateTimeOffset At) : INodeEvent;

/// <summary>Billing's report of the node's bonded stake (StakeVersion: billing's stake stream's), with the reputation it leaves (Suspended: now).</summary>
public sealed record NodeStakeRecorded(long Bonded, long StakeVersion, double Score, int AgreementStreak, bool Suspended, DateTimeOffset At) : INodeEvent;

/// <summary>
/// The node gets no more work. Cause "reputation" (null in events stored before stakes): its reputation fell under the registry's
/// threshold, for good. Cause "stake": its bonded stake fell under the minimum, until it is topped up.
/// </summary>
public sealed record NodeSuspended(string Reason, double Score, DateTimeOffset At, string? Cause = null) : INodeEvent
{
    public const string ForReputation = "reputation";
    public const string ForStake = "stake";

    public bool ForStakeOnly => Cause == ForStake;
}

/// <summary>
/// A suspension ended. Cause "stake" (null in events stored before operators could reinstate): the bonded stake is back at
/// the minimum. Cause "reputation": an operator lifted it; Score and AgreementStreak are the node's standing then (unchanged),
/// StillBarred whether it remains suspended for its stake.
/// </summary>
public sealed record NodeReinstated(string Reason, DateTimeOffset At, string? Cause = null, double? Score = null, int? AgreementStreak = null,
    bool? StillBarred = null) : INodeEvent
{
    public bool ForReputation => Cause == NodeSuspended.ForReputation;
}
