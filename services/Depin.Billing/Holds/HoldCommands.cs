namespace Depin.Billing.Holds;

public interface IHoldCommand;

/// <summary>Available is the client's balance read under the client account's lock: the one check a debit needs.</summary>
public sealed record PlaceHold(Guid JobId, Guid ClientAccountId, long Amount, long Available, DateTimeOffset Now) : IHoldCommand;

/// <summary>
/// Charge min(Cost, held), split into the provider's share and the protocol fee (basis points, rounded down). Replicas: the
/// cost of each agreeing replica of a job verified by replication (their sum is Cost), each paid to its own provider.
/// </summary>
public sealed record SettleHold(Guid JobId, long Cost, Guid ProviderAccountId, int FeeBasisPoints, DateTimeOffset Now,
    IReadOnlyList<ReplicaCost>? Replicas = null) : IHoldCommand;

public sealed record ReplicaCost(Guid NodeId, Guid ProviderAccountId, long Cost);

public sealed record ReleaseHold(Guid JobId, Guid ClientAccountId, string Reason, DateTimeOffset Now) : IHoldCommand;
