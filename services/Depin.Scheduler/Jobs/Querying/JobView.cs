using System.Text.Json;
using Depin.Compute.Backends;
using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs.Submitting;

namespace Depin.Scheduler.Jobs.Querying;

/// <summary>
/// What a client sees of a job: the job record joined at read time with its money as billing has it (null while unknown). Amounts in micro-credits.
/// DeviceClass is what the job asked for ("any", "cpu", "gpu"); RanOn the class it is placed on or its result came from.
/// Replication: the replicas it runs (0 until the verification policy chooses); Replicas: every attempt and how it ended.
/// </summary>
public sealed record JobView(
    Guid JobId, Guid ClientAccountId, string Kernel, JsonElement Parameters, JobStatus Status, long MaxPricePerUnit, long EstimatedUnits,
    long MaxCost, DateTimeOffset Deadline, string? Region, int Attempts, Guid? NodeId, double? Progress, string? ResultHash,
    long? Units, long? PricePerUnit, long? Cost, long? Charged, long? ProviderAmount, long? Fee, long? Refunded, string? Reason,
    DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, JsonElement? Result, string DeviceClass, long? MinGpuMemoryMiB, string? RanOn, string? WaitingReason,
    int Replication, IReadOnlyList<ReplicaView> Replicas)
{
    public static JobView Of(JobRecord r, JobMoney? p, bool withResult) => new(
        r.JobId, r.ClientAccountId, r.Kernel, Parse(r.ParametersJson), r.Status, r.MaxPricePerUnit, r.EstimatedUnits, r.MaxCost, r.Deadline,
        r.Region, r.Attempts, r.NodeId, r.Progress, r.ResultHash, r.Units, r.PricePerUnit, r.Cost, p?.Charged, p?.ProviderAmount, p?.Fee,
        p?.Refunded, r.Reason, r.SubmittedAt, r.UpdatedAt, withResult && r.ResultJson is { } json ? Parse(json) : null,
        r.DeviceClass?.Name() ?? SubmitJobValidation.AnyDevice, r.MinGpuMemoryMiB, r.RanOn?.Name(), r.WaitingReason, r.Replication, r.Replicas);

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
