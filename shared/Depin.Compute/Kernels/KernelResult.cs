namespace Depin.Compute.Kernels;

/// <summary>
/// A kernel's outcome: the canonical hash replicas are compared by, the summary document the
/// client reads (JSON), and the metered compute units.
/// </summary>
public sealed record KernelResult(string Hash, string SummaryJson, long Units);
