namespace Depin.Compute.Backends;

/// <summary>
/// The primitives kernels run on. The CPU backend is vectorised and multi-core; a GPU backend
/// (ILGPU when the registry serves it, or CUDA through the driver API) implements the same
/// interface, so kernels' callers do not change.
/// </summary>
public interface IComputeBackend
{
    string Name { get; }

    /// <summary>How many host threads a kernel's data-parallel loops may use.</summary>
    int Parallelism { get; }

    /// <summary>C = A·B, row-major, A is m×k, B is k×n, C is m×n. Reports progress in [0, 1].</summary>
    void Sgemm(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, IProgress<double>? progress, CancellationToken ct);
}
