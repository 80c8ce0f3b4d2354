namespace Depin.Compute.Backends;

/// <summary>
/// The primitives kernels run on: the vectorised, multi-core <see cref="CpuBackend"/>, or a
/// <see cref="Gpu.IlgpuBackend"/> on which every kernel runs its ILGPU implementation.
/// </summary>
public interface IComputeBackend
{
    string Name { get; }

    /// <summary>How many host threads a kernel's data-parallel loops (and input generation, hashing) may use.</summary>
    int Parallelism { get; }

    /// <summary>
    /// Where the results come from. Integer-exact kernels hash identically on every device; a floating-point
    /// kernel's hash is comparable only between results of the same class (see the root README).
    /// </summary>
    DeviceClass DeviceClass => DeviceClass.Cpu;

    /// <summary>C = A·B, row-major, A is m×k, B is k×n, C is m×n. Reports progress in [0, 1].</summary>
    void Sgemm(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, IProgress<double>? progress, CancellationToken ct);
}
