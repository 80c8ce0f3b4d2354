namespace Depin.Contracts.Scheduler;

/// <summary>
/// The scheduler accepted a result; Cost (micro-credits) = Units x PricePerUnit, never above the hold. DeviceClass is the
/// class that produced ResultHash ("cpu" or "gpu"; null means "cpu"). Replicas: for a job verified by replication, every
/// replica paid (each its own cost; Cost is their sum); null for a job that ran alone (ProviderAccountId gets Cost).
/// </summary>
public sealed record JobCompleted(Guid JobId, Guid ClientAccountId, Guid NodeId, Guid ProviderAccountId, string ResultHash, long Units, long PricePerUnit,
    long Cost, DateTimeOffset CompletedAt, string? DeviceClass = null, IReadOnlyList<ReplicaPayout>? Replicas = null);

/// <summary>What one agreeing replica of a job earned before the protocol fee.</summary>
public sealed record ReplicaPayout(Guid NodeId, Guid ProviderAccountId, long Cost);
