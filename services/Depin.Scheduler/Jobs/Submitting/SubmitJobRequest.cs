using System.Text.Json;

namespace Depin.Scheduler.Jobs.Submitting;

/// <summary>deviceClass: "any" (the default), "cpu" or "gpu"; minGpuMemoryMiB only with "gpu".</summary>
public sealed record SubmitJobRequest(string? Kernel, JsonElement? Parameters, long? MaxPricePerUnit, int? DeadlineSeconds, int? Replication, string? Region,
    string? DeviceClass = null, long? MinGpuMemoryMiB = null);
