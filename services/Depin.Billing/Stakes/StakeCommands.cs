namespace Depin.Billing.Stakes;

public interface IStakeCommand;

/// <summary>
/// A registration (Version: the node stream's) asks for a stake of Target: bond what is missing, if the provider's
/// Available (read under its account's lock) covers it. A registration never lowers a stake (that is unbonding's job).
/// </summary>
public sealed record StakeForRegistration(Guid NodeId, Guid ProviderAccountId, long Target, long RegistrationVersion, long Available, DateTimeOffset Now)
    : IStakeCommand;

/// <summary>The provider adds Amount to the node's stake (the stake endpoint); Available is read under its account's lock.</summary>
public sealed record AddStake(Guid NodeId, Guid RequestedBy, long Amount, long Available, DateTimeOffset Now) : IStakeCommand;

/// <summary>The provider asks for Amount of the bonded stake back, released after the cooling-off.</summary>
public sealed record UnbondStake(Guid NodeId, Guid RequestedBy, long Amount, TimeSpan CoolingOff, DateTimeOffset Now) : IStakeCommand;

/// <summary>Releases the unbonding stake whose cooling-off has ended by Now.</summary>
public sealed record ReleaseStake(DateTimeOffset Now) : IStakeCommand;

/// <summary>
/// A wrong-result verdict: take ShareBasisPoints of the node's slashable stake (bonded and unbonding), ToClientBasisPoints of
/// that to the harmed client (when there is one), the rest to the treasury.
/// </summary>
public sealed record SlashStake(Guid NodeId, Guid VerdictId, Guid JobId, Guid? ClientAccountId, string Reason, int ShareBasisPoints,
    int ToClientBasisPoints, DateTimeOffset Now) : IStakeCommand;
