namespace Depin.Contracts.Scheduler;

/// <summary>
/// The scheduler accepted a result; Cost (micro-credits) = Units x PricePerUnit, never above the hold. DeviceClass is the
/// class that produced ResultHash ("cpu" or "gpu"; null means "cpu").
/// </summary>
public sealed record JobCompleted(Guid JobId, Guid ClientAccountId, Guid NodeId, Guid ProviderAccountId, string ResultHash, long Units, long PricePerUnit,
    long Cost, DateTimeOffset CompletedAt, string? DeviceClass = null);
