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
public sealed class Conv2dKernel : IKernel
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

    public long EstimateUnits(KernelParameters p) => Math.Max(1, (p["width"] * p["height"] * p["kernelSize"] * p["kernelSize"] + 999_999) / 1_000_000);

    public KernelResult Run(KernelParameters p, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        var (w, h, k, padded, filter) = Inputs(p);
        var pw = w + k - 1;
        var output = new float[(long)w * h];
        var done = 0;
        Parallel.For(0, h, KernelSummary.Options(backend, ct), y =>
        {
            var row = output.AsSpan(y * w, w);
            for (var ky = 0; ky < k; ky++)
            {
                var src = padded.AsSpan((y + ky) * pw, pw);
                for (var kx = 0; kx < k; kx++)
                {
                    var tap = filter[ky * k + kx];
                    if (tap == 0) continue;
                    var vtap = Vector256.Create(tap);
                    var x = 0;
                    for (; x <= w - 8; x += 8)
                        (Vector256.Create<float>(row[x..]) + vtap * Vector256.Create<float>(src[(x + kx)..])).CopyTo(row[x..]);
                    for (; x < w; x++) row[x] += tap * src[x + kx];
                }
            }
            if (progress is not null && Interlocked.Increment(ref done) % 256 == 0) progress.Report((double)done / h);
        });
        return Summarise(p, output);
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
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
            padded[(y + r) * pw + x + r] = SeededInputs.Mix(seed, 11, (ulong)(y * w + x)) % 256;
        var filter = new float[k * k];
        SeededInputs.FillSmallIntegers(filter, seed, 12, 4);
        return (w, h, k, padded, filter);
    }

    private KernelResult Summarise(KernelParameters p, float[] output)
    {
        using var hash = new CanonicalHash($"conv2d/v1/{p["width"]}x{p["height"]}/{p["kernelSize"]}");
        hash.AddQuantised(output, 1);
        long checksum = 0;
        var (min, max) = (float.MaxValue, float.MinValue);
        foreach (var v in output) { checksum += (long)v; min = Math.Min(min, v); max = Math.Max(max, v); }
        return KernelSummary.Result(hash.Finish(), new { width = p["width"], height = p["height"], kernelSize = p["kernelSize"], seed = p["seed"], checksum, min, max },
            EstimateUnits(p));
    }
}
