namespace Depin.Contracts.Scheduler;

/// <summary>A client submitted a job; billing must hold MaxCost in escrow before it is placed.</summary>
public sealed record JobSubmitted(Guid JobId, Guid ClientAccountId, string Kernel, string ParametersJson, long MaxPricePerUnit, long EstimatedUnits, long MaxCost, DateTimeOffset Deadline, int Replication, string? Region);
