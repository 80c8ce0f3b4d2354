using System.Runtime.Intrinsics;
using Depin.Compute.Backends;
using Depin.Compute.Hashing;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels.Conv2d;

/// <summary>
/// 2-D convolution ("same" size, zero padding) of a seeded 8-bit grey image with a seeded k×k filter of
/// small integers in [-4, 4]. Every sum is an integer below 2^24, so float32 is exact in any order and
/// the hash is identical everywhere. One unit = 10^6 multiply-adds.
/// </summary>
public sealed partial class Conv2dKernel : IKernel
{
    public string Name => "conv2d";
    public string Description => "2-D convolution of a seeded image with a seeded k×k filter";

    public ParameterSchema Schema { get; } = new(
        new ParameterSpec("width", 1, 8192, null, "image width in pixels"),
        new ParameterSpec("height", 1, 8192, null, "image height in pixels"),
        new ParameterSpec("kernelSize", 1, 15, 3, "filter side (odd)"),
        new ParameterSpec("seed", 0, long.MaxValue, 1, "seed of image and filter"));

    public IEnumerable<string> CheckParameters(KernelParameters p)
    {
        if (p["kernelSize"] % 2 == 0) yield return $"parameter 'kernelSize' must be odd (got {p["kernelSize"]})";
        if (p["width"] * p["height"] > 1 << 24) yield return "parameters 'width' × 'height' must be at most 16777216 pixels";
    }

    public string CostModel => "⌈width · height · kernelSize² / 1,000,000⌉ (multiply-adds per million), at least 1";

    public long EstimateUnits(KernelParameters p) => Math.Max(1, (p["width"] * p["height"] * p["kernelSize"] * p["kernelSize"] + 999_999) / 1_000_000);

    public KernelResult Run(KernelParameters p, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        if (backend is Backends.Gpu.IlgpuBackend device) return RunOnDevice(p, device, ct);
        var (w, h, k, padded, filter) = Inputs(p);
        var pw = w + k - 1;
        var output = new float[(long)w * h];
        var done = 0;
        Parallel.For(0, h, KernelSummary.Options(backend, ct), y =>
        {
            OutputRow(padded, filter, output, y, w, k);
            if (progress is not null && Interlocked.Increment(ref done) % 256 == 0) progress.Report((double)done / h);
        });
        return Summarise(p, output);
    }

    /// <summary>
    /// One output row, 32 pixels at a time held in four registers across every tap, so each output is
    /// stored once; integer-valued inputs make the sum exact whatever the order.
    /// </summary>
    private static void OutputRow(float[] padded, float[] filter, float[] output, int y, int w, int k)
    {
        var pw = w + k - 1;
        ref var outRow = ref output[y * w];
        nuint x = 0;
        for (; (int)x + 32 <= w; x += 32)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (var ky = 0; ky < k; ky++)
            {
                ref var src = ref padded[(y + ky) * pw];
                for (var kx = 0; kx < k; kx++)
                {
                    var tap = Vector256.Create(filter[ky * k + kx]);
                    var at = x + (nuint)kx;
                    a0 += tap * Vector256.LoadUnsafe(ref src, at);
                    a1 += tap * Vector256.LoadUnsafe(ref src, at + 8);
                    a2 += tap * Vector256.LoadUnsafe(ref src, at + 16);
                    a3 += tap * Vector256.LoadUnsafe(ref src, at + 24);
                }
            }
            a0.StoreUnsafe(ref outRow, x);
            a1.StoreUnsafe(ref outRow, x + 8);
            a2.StoreUnsafe(ref outRow, x + 16);
            a3.StoreUnsafe(ref outRow, x + 24);
        }
        for (var i = (int)x; i < w; i++)
        {
            var sum = 0f;
            for (var ky = 0; ky < k; ky++)
            for (var kx = 0; kx < k; kx++)
                sum += filter[ky * k + kx] * padded[(y + ky) * pw + i + kx];
            output[y * w + i] = sum;
        }
    }

    public KernelResult RunReference(KernelParameters p, CancellationToken ct)
    {
        var (w, h, k, padded, filter) = Inputs(p);
        var pw = w + k - 1;
        var output = new float[(long)w * h];
        for (var y = 0; y < h; y++)
        {
            ct.ThrowIfCancellationRequested();
            for (var x = 0; x < w; x++)
            {
                var sum = 0f;
                for (var ky = 0; ky < k; ky++)
                for (var kx = 0; kx < k; kx++)
                    sum += filter[ky * k + kx] * padded[(y + ky) * pw + x + kx];
                output[y * w + x] = sum;
            }
        }
        return Summarise(p, output);
    }

    /// <summary>The image with a zero border of k/2 on each side, and the filter.</summary>
    private static (int W, int H, int K, float[] Padded, float[] Filter) Inputs(KernelParameters p)
    {
        var (w, h, k) = (p.Int("width"), p.Int("height"), p.Int("kernelSize"));
        var seed = (ulong)p["seed"];
        var r = k / 2;
        var pw = w + k - 1;
        var padded = new float[(long)pw * (h + k - 1)];
        Parallel.For(0, h, y => SeededInputs.FillUniformIntegers(padded.AsSpan((y + r) * pw + r, w), (long)y * w, seed, ImageStream, 256, 1f, 0f));
        return (w, h, k, padded, Filter(k, seed));
    }

    private const ulong ImageStream = 11;

    private static float[] Filter(int k, ulong seed)
    {
        var filter = new float[k * k];
        SeededInputs.FillSmallIntegers(filter, seed, 12, 4);
        return filter;
    }

    private static CanonicalHash NewHash(KernelParameters p) => new($"conv2d/v2/{p["width"]}x{p["height"]}/{p["kernelSize"]}");

    private const double Quantum = 1;   // outputs are integers: quantum 1 is exact

    private KernelResult Summarise(KernelParameters p, float[] output)
    {
        using var hash = NewHash(p);
        return Summarise(p, hash, hash.AddQuantised(output, Quantum));
    }

    private KernelResult Summarise(KernelParameters p, CanonicalHash hash, QuantisedStats stats) =>
        KernelSummary.Result(hash.Finish(), new
        {
            width = p["width"], height = p["height"], kernelSize = p["kernelSize"], seed = p["seed"], checksum = stats.Sum, min = stats.Min, max = stats.Max,
        },
            EstimateUnits(p));
}
