using System.Text.Json;
using Depin.Compute.Backends;
using Depin.Compute.Hashing;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels.MatMul;

/// <summary>
/// Dense single-precision GEMM, C = A·B with A (m×k) and B (k×n) generated from the seed as small
/// integers in [-4, 4]. Every partial sum is then an integer of magnitude at most 16·k ≤ 2^16, exactly
/// representable in float32, so the result (and its hash) is identical whatever the summation order,
/// blocking, FMA or thread count. One compute unit = 10^6 floating-point operations.
/// </summary>
public sealed partial class MatMulKernel : IKernel
{
    public const int MaxDimension = 4096;
    private const int InputRange = 4;

    public string Name => "matmul";
    public string Description => "Dense float32 matrix multiply C = A·B of seeded m×k and k×n matrices";

    public ParameterSchema Schema { get; } = new(
        new ParameterSpec("n", 1, MaxDimension, null, "columns of C (and rows/cols of square matrices when m, k are omitted)"),
        new ParameterSpec("m", 0, MaxDimension, 0, "rows of C; 0 or omitted: n"),
        new ParameterSpec("k", 0, MaxDimension, 0, "inner dimension; 0 or omitted: n"),
        new ParameterSpec("seed", 0, long.MaxValue, 1, "seed of the generated inputs"));

    public string CostModel => "⌈2 · m · n · k / 1,000,000⌉ (floating-point operations per million), at least 1";

    public long EstimateUnits(KernelParameters p)
    {
        var (m, n, k) = Dimensions(p);
        return Math.Max(1, (2L * m * n * k + 999_999) / 1_000_000);
    }

    public KernelResult Run(KernelParameters p, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        if (backend is Backends.Gpu.IlgpuBackend device) return RunOnDevice(p, device, ct);
        var (m, n, k, a, b) = Inputs(p);
        var c = new float[(long)m * n];
        backend.Sgemm(a, b, c, m, n, k, progress, ct);
        return Summarise(p, c);
    }

    public KernelResult RunReference(KernelParameters p, CancellationToken ct)
    {
        var (m, n, k, a, b) = Inputs(p);
        var c = new float[(long)m * n];
        MatMulReference.Multiply(a, b, c, m, n, k, ct);
        return Summarise(p, c);
    }

    internal static (int M, int N, int K) Dimensions(KernelParameters p)
    {
        var n = p.Int("n");
        var m = p["m"] == 0 ? n : p.Int("m");
        var k = p["k"] == 0 ? n : p.Int("k");
        return (m, n, k);
    }

    internal static (int M, int N, int K, float[] A, float[] B) Inputs(KernelParameters p)
    {
        var (m, n, k) = Dimensions(p);
        var seed = (ulong)p["seed"];
        var a = new float[(long)m * k];
        var b = new float[(long)k * n];
        SeededInputs.FillSmallIntegers(a, seed, 1, InputRange);
        SeededInputs.FillSmallIntegers(b, seed, 2, InputRange);
        return (m, n, k, a, b);
    }

    private static CanonicalHash NewHash(KernelParameters p)
    {
        var (m, n, k) = Dimensions(p);
        return new CanonicalHash($"matmul/v2/{m}x{k}x{n}");
    }

    private const double Quantum = 1;   // products of small integers are integers: quantum 1 is exact

    private KernelResult Summarise(KernelParameters p, float[] c)
    {
        using var hash = NewHash(p);
        return Summarise(p, hash, hash.AddQuantised(c, Quantum), c[0], c[^1]);
    }

    private KernelResult Summarise(KernelParameters p, CanonicalHash hash, QuantisedStats stats, float first, float last)
    {
        var (m, n, k) = Dimensions(p);
        var (checksum, sumSquares) = (stats.Sum, stats.SumSquares);
        var summary = JsonSerializer.Serialize(new
        {
            m, n, k, seed = p["seed"],
            checksum,
            frobeniusNorm = Math.Round(Math.Sqrt(sumSquares), 3),
            first,
            last,
        });
        return new KernelResult(hash.Finish(), summary, EstimateUnits(p));
    }
}
