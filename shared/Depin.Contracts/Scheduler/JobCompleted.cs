namespace Depin.Contracts.Scheduler;

/// <summary>The scheduler accepted a result; Cost (micro-credits) = Units x PricePerUnit, never above the hold.</summary>
public sealed record JobCompleted(Guid JobId, Guid ClientAccountId, Guid NodeId, Guid ProviderAccountId, string ResultHash, long Units, long PricePerUnit, long Cost, DateTimeOffset CompletedAt);
