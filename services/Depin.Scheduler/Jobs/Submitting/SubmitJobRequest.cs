using System.Text.Json;

namespace Depin.Scheduler.Jobs.Submitting;

public sealed record SubmitJobRequest(string? Kernel, JsonElement? Parameters, long? MaxPricePerUnit, int? DeadlineSeconds, int? Replication, string? Region);
