namespace Depin.Contracts.Billing;

/// <summary>
/// A node's stake moved (bonded, short, unbonding, released, slashed): Bonded is what now counts towards the registry's minimum
/// stake. Version is the stake stream's, so consumers drop a stale update.
/// </summary>
public sealed record NodeStakeChanged(Guid NodeId, Guid ProviderAccountId, long Bonded, long Version, DateTimeOffset At);
