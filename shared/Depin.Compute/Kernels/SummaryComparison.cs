using System.Text.Json;

namespace Depin.Compute.Kernels;

/// <summary>
/// Whether two summaries of one job agree: every number within a relative tolerance (a kernel's
/// <see cref="IKernel.ReferenceTolerance"/>), everything else equal. How results of floating-point kernels from
/// different device classes are compared, where their hashes cannot be.
/// </summary>
public static class SummaryComparison
{
    /// <summary>
    /// Two results of one job, as the kernel promises them: the same hash and summary for an exact kernel
    /// (<see cref="IKernel.ReferenceTolerance"/> 0), summaries within the tolerance for the others.
    /// </summary>
    /// <returns>null when they agree; otherwise what differs</returns>
    public static string? FirstDifference(IKernel kernel, KernelResult expected, KernelResult actual) =>
        kernel.ReferenceTolerance != 0 ? FirstDifference(expected.SummaryJson, actual.SummaryJson, kernel.ReferenceTolerance)
        : expected.Hash != actual.Hash ? $"hash {actual.Hash} against {expected.Hash}"
        : expected.SummaryJson == actual.SummaryJson ? null
        : $"summary {actual.SummaryJson} against {expected.SummaryJson}";

    /// <returns>null when they agree; otherwise the first difference, by JSON path</returns>
    public static string? FirstDifference(string expectedJson, string actualJson, double tolerance)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        return FirstDifference(expected.RootElement, actual.RootElement, tolerance, "$");
    }

    private static string? FirstDifference(JsonElement expected, JsonElement actual, double tolerance, string path)
    {
        if (expected.ValueKind != actual.ValueKind) return $"{path}: {expected.ValueKind} against {actual.ValueKind}";
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var other)) return $"{path}.{property.Name}: missing";
                    if (FirstDifference(property.Value, other, tolerance, $"{path}.{property.Name}") is { } difference) return difference;
                }
                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength()) return $"{path}: {expected.GetArrayLength()} items against {actual.GetArrayLength()}";
                var index = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                    if (FirstDifference(e, a, tolerance, $"{path}[{index++}]") is { } difference) return difference;
                return null;
            case JsonValueKind.Number:
                var (x, y) = (expected.GetDouble(), actual.GetDouble());
                return Math.Abs(x - y) <= tolerance * Math.Max(Math.Abs(x), Math.Abs(y)) + 1e-9 ? null : $"{path}: {x} against {y}";
            default:
                return expected.ToString() == actual.ToString() ? null : $"{path}: {expected} against {actual}";
        }
    }
}
