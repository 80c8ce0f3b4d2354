using System.Text.Json;

namespace Depin.Compute.Kernels;

/// <summary>Builds a kernel result: summary JSON (web casing) plus the canonical hash and units.</summary>
internal static class KernelSummary
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static KernelResult Result(string hash, object summary, long units) => new(hash, JsonSerializer.Serialize(summary, Json), units);

    public static ParallelOptions Options(Backends.IComputeBackend backend, CancellationToken ct) =>
        new() { MaxDegreeOfParallelism = backend.Parallelism, CancellationToken = ct };
}
