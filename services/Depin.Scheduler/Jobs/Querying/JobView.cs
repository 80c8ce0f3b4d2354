using System.Text.Json;

namespace Depin.Scheduler.Jobs.Querying;

/// <summary>What a client sees of a job. Amounts in micro-credits.</summary>
public sealed record JobView(
    Guid JobId, Guid ClientAccountId, string Kernel, JsonElement Parameters, string Status, long MaxPricePerUnit, long EstimatedUnits,
    long MaxCost, DateTimeOffset Deadline, string? Region, int Attempts, Guid? NodeId, double? Progress, string? ResultHash,
    long? Units, long? PricePerUnit, long? Cost, long? Charged, long? ProviderAmount, long? Fee, long? Refunded, string? Reason,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, JsonElement? Result);
