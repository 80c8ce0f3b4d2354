namespace Depin.Billing.Stakes;

/// <summary>
/// Events of a node's stake stream (stake-&lt;node id&gt;). Bonded is the node's bonded stake after the event (what the registry
/// weighs against its minimum). Amounts are micro-credits; each money-moving event is one balanced ledger entry.
/// </summary>
public interface IStakeEvent
{
    Guid NodeId { get; }
    Guid ProviderAccountId { get; }
    long Bonded { get; }
}

/// <summary>Billing learned of the node (its registration asked for no stake, or no more than it has): nothing moved.</summary>
public sealed record StakeOpened(Guid NodeId, Guid ProviderAccountId, long Bonded, long RegistrationVersion, DateTimeOffset At) : IStakeEvent;

/// <summary>Amount moved from the provider's available money into the node's stake. RegistrationVersion: the registration that asked for it (null: the stake endpoint).</summary>
public sealed record StakeBonded(Guid NodeId, Guid ProviderAccountId, long Amount, long Bonded, long? RegistrationVersion, DateTimeOffset At) : IStakeEvent;

/// <summary>The registration asked for a stake the provider's available money could not cover: nothing moved.</summary>
public sealed record StakeShortfall(Guid NodeId, Guid ProviderAccountId, long Wanted, long Available, long Bonded, long RegistrationVersion, string Reason,
    DateTimeOffset At) : IStakeEvent;

/// <summary>The provider asked for Amount back: it stops counting as bonded now, stays slashable, and is released at ReleasableAt.</summary>
public sealed record StakeUnbonding(Guid NodeId, Guid ProviderAccountId, long Amount, long Bonded, DateTimeOffset ReleasableAt, DateTimeOffset At) : IStakeEvent;

/// <summary>Unbonding stake whose cooling-off ended by At went back to the provider's available money.</summary>
public sealed record StakeReleased(Guid NodeId, Guid ProviderAccountId, long Amount, long Bonded, DateTimeOffset At) : IStakeEvent;

/// <summary>
/// A verdict against the node (its id is the evidence) took Amount of its stake: FromBonded from the bonded stake, the rest from
/// unbonding stake, newest first. ToClient went to the harmed client, ToTreasury (Amount − ToClient) to the protocol.
/// </summary>
public sealed record StakeSlashed(Guid NodeId, Guid ProviderAccountId, Guid VerdictId, Guid JobId, Guid? ClientAccountId, long Amount, long FromBonded,
    long ToClient, long ToTreasury, long Bonded, string Reason, DateTimeOffset At) : IStakeEvent;
