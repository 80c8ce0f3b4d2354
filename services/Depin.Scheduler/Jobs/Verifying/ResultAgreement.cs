using Depin.Compute.Kernels;

namespace Depin.Scheduler.Jobs.Verifying;

/// <summary>
/// Which replicas' results agree. An exact kernel's results agree when their canonical hashes are equal, whatever
/// device produced them; a floating-point kernel's only when the same device class produced them and their summaries
/// are within the kernel's tolerance (its hash is not comparable across SIMD widths or devices).
/// </summary>
public static class ResultAgreement
{
    public static bool Agree(string kernel, ReplicaResult a, ReplicaResult b)
    {
        var tolerance = Tolerance(kernel);
        if (tolerance == 0) return a.ResultHash == b.ResultHash;
        if (a.DeviceClass != b.DeviceClass) return false;
        if (a.ResultHash == b.ResultHash) return true;
        try { return SummaryComparison.FirstDifference(a.ResultJson, b.ResultJson, tolerance) is null; }
        catch (System.Text.Json.JsonException) { return false; }   // a summary that is not JSON agrees with nothing
    }

    /// <summary>Whether every replica must run on one device class for their results to be compared.</summary>
    public static bool IsExact(string kernel) => Tolerance(kernel) == 0;

    /// <summary>The results in groups that agree, largest first (the earlier group wins a tie).</summary>
    public static List<List<ReplicaResult>> Clusters(string kernel, IEnumerable<ReplicaResult> results)
    {
        var clusters = new List<List<ReplicaResult>>();
        foreach (var result in results)
        {
            if (clusters.Find(c => Agree(kernel, c[0], result)) is { } cluster) cluster.Add(result);
            else clusters.Add([result]);
        }
        return [.. clusters.OrderByDescending(c => c.Count)];
    }

    private static double Tolerance(string kernel) => KernelCatalog.TryGet(kernel, out var k) ? k.ReferenceTolerance : 0;
}
