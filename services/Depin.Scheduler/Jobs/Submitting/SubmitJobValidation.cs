using System.Text.RegularExpressions;
using Depin.Compute.Backends;
using Depin.Compute.Kernels;

namespace Depin.Scheduler.Jobs.Submitting;

/// <summary>The edge check of a submission: every problem is reported, each naming the field.</summary>
public static partial class SubmitJobValidation
{
    public const long MaxPricePerUnitLimit = 1_000_000_000;   // 1,000 credits per unit
    public const int MaxDeadlineSeconds = 86_400;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex RegionPattern();

    public const long MaxGpuMemoryMiB = 16L * 1024 * 1024;
    public const string AnyDevice = "any";

    /// <param name="maxReplication">the verification policy's bound on the replicas a client may ask for</param>
    public static (KernelValidation? Kernel, DeviceRequest Device, List<string> Errors) Validate(SubmitJobRequest request, int maxReplication)
    {
        var errors = new List<string>();
        KernelValidation? kernel = null;
        if (request.Parameters is not { } parameters)
            errors.Add("parameters is required (a JSON object)");
        else
        {
            kernel = KernelCatalog.Validate(request.Kernel, parameters);
            errors.AddRange(kernel.Errors);
        }
        if (request.MaxPricePerUnit is not { } price)
            errors.Add("maxPricePerUnit is required (micro-credits per compute unit)");
        else if (price is < 1 or > MaxPricePerUnitLimit)
            errors.Add($"maxPricePerUnit must be between 1 and {MaxPricePerUnitLimit} (got {price})");
        if (request.DeadlineSeconds is not { } deadline)
            errors.Add("deadlineSeconds is required");
        else if (deadline is < 1 or > MaxDeadlineSeconds)
            errors.Add($"deadlineSeconds must be between 1 and {MaxDeadlineSeconds} (got {deadline})");
        if (request.Replication is { } replication && (replication < 1 || replication > maxReplication))
            errors.Add($"replication must be between 1 and {maxReplication} (got {replication}); leave it out to let the verification policy choose");
        if (request.Region is { } region && !RegionPattern().IsMatch(region))
            errors.Add("region must be 1-32 characters of a-z, 0-9 and '-'");
        return (kernel, Device(request, errors), errors);
    }

    private static DeviceRequest Device(SubmitJobRequest request, List<string> errors)
    {
        DeviceClass? deviceClass = null;
        if (request.DeviceClass is { } name and not AnyDevice)
        {
            if (DeviceClasses.TryParse(name, out var parsed)) deviceClass = parsed;
            else errors.Add($"deviceClass must be one of {AnyDevice}, {string.Join(", ", DeviceClasses.Names)} (got '{name}')");
        }
        if (request.MinGpuMemoryMiB is { } memory)
        {
            if (memory is < 1 or > MaxGpuMemoryMiB) errors.Add($"minGpuMemoryMiB must be between 1 and {MaxGpuMemoryMiB} (got {memory})");
            else if (deviceClass != DeviceClass.Gpu) errors.Add("minGpuMemoryMiB needs deviceClass gpu");
        }
        return new DeviceRequest(deviceClass, request.MinGpuMemoryMiB);
    }
}
