namespace Depin.Compute.Backends;

/// <summary>Vectorised (AVX2/AVX-512 FMA where present, portable fallback), multi-core CPU backend.</summary>
public sealed class CpuBackend(int? maxDegreeOfParallelism = null) : IComputeBackend
{
    public static readonly CpuBackend Shared = new();

    public string Name => $"cpu-{(CpuGemm.UsesFma ? "fma" : "portable")}-x{Parallelism}";
    public int Parallelism { get; } = Math.Max(1, maxDegreeOfParallelism ?? Environment.ProcessorCount);

    public void Sgemm(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, IProgress<double>? progress, CancellationToken ct) =>
        CpuGemm.Multiply(a, b, c, m, n, k, Parallelism, progress, ct);
}
