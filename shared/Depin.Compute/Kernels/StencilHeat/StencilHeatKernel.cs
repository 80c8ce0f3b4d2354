using System.Runtime.Intrinsics;
using Depin.Compute.Backends;
using Depin.Compute.Hashing;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels.StencilHeat;

/// <summary>
/// Explicit 2-D heat diffusion: each step every interior cell becomes c + α(n + s + e + w − 4c); the
/// border is held fixed. The fast path does exactly the same float operations in the same order as the
/// reference (no fused multiply-add), so the two agree bit for bit, on any thread count. One unit =
/// 10^6 cell updates.
/// </summary>
public sealed partial class StencilHeatKernel : IKernel
{
    private const float Alpha = 0.2f, InputScale = 0.1f;
    private const ulong InputStream = 21;
    private const uint InputRange = 1001;

    public string Name => "stencil-heat";
    public string Description => "2-D heat diffusion (5-point stencil) on a seeded grid";

    public ParameterSchema Schema { get; } = new(
        new ParameterSpec("width", 3, 8192, null, "grid width"),
        new ParameterSpec("height", 3, 8192, null, "grid height"),
        new ParameterSpec("steps", 1, 10_000, null, "time steps"),
        new ParameterSpec("seed", 0, long.MaxValue, 1, "seed of the initial temperatures"));

    public IEnumerable<string> CheckParameters(KernelParameters p)
    {
        if (p["width"] * p["height"] > 1 << 24) yield return "parameters 'width' × 'height' must be at most 16777216 cells";
    }

    public string CostModel => "⌈(width − 2) · (height − 2) · steps / 1,000,000⌉ (interior cell updates per million), at least 1";

    public long EstimateUnits(KernelParameters p) => Math.Max(1, ((p["width"] - 2) * (p["height"] - 2) * p["steps"] + 999_999) / 1_000_000);

    private const int TimeBlock = 8;
    /// <summary>
    /// Temporal blocking with ghost zones: a band of rows is copied with T rows of halo on each side into
    /// two small buffers, advanced T steps there while it stays in cache (the valid region shrinks by a row
    /// a step, except at the grid's fixed border), and its own rows are written back: one pass over memory
    /// per T steps instead of per step. Bands are independent within a block; workers meet once per block.
    /// </summary>
    public KernelResult Run(KernelParameters p, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        if (backend is Backends.Gpu.IlgpuBackend device) return RunOnDevice(p, device, progress, ct);
        var (w, h, steps, grid) = Inputs(p);
        var grids = new[] { grid, (float[])grid.Clone() };
        var bandRows = Math.Clamp(32_768 / w, 8, 64);
        var bands = (h - 2 + bandRows - 1) / bandRows;
        var workers = Math.Max(1, Math.Min(backend.Parallelism, bands));
        var barrier = new SpinBarrier(workers);
        var blocks = (steps + TimeBlock - 1) / TimeBlock;
        var alpha = Vector256.Create(Alpha);
        var four = Vector256.Create(4f);

        void Sweep(int worker, CancellationToken ct)
        {
            var a = new float[(bandRows + 2 * TimeBlock) * w];
            var b = new float[a.Length];
            for (var block = 0; block < blocks; block++)
            {
                var fused = Math.Min(TimeBlock, steps - block * TimeBlock);
                var (src, dst) = (grids[block & 1], grids[(block + 1) & 1]);
                for (var band = worker; band < bands; band += workers)
                {
                    int r0 = 1 + band * bandRows, r1 = Math.Min(h - 1, r0 + bandRows);   // the band's own rows
                    int g0 = Math.Max(0, r0 - fused), g1 = Math.Min(h, r1 + fused);      // with its halo
                    var length = (g1 - g0) * w;
                    src.AsSpan(g0 * w, length).CopyTo(a);
                    src.AsSpan(g0 * w, length).CopyTo(b);   // border rows and columns stay fixed in both
                    var (x, y) = (a, b);
                    for (var t = 1; t <= fused; t++)
                    {
                        int from = g0 == 0 ? 1 : g0 + t, to = g1 == h ? h - 1 : g1 - t;
                        for (var row = from; row < to; row++) Row(x, y, row - g0, w, alpha, four);
                        (x, y) = (y, x);
                    }
                    x.AsSpan((r0 - g0) * w, (r1 - r0) * w).CopyTo(dst.AsSpan(r0 * w));
                }
                if (worker == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report((double)Math.Min(steps, (block + 1) * TimeBlock) / steps);
                }
                if (workers > 1) barrier.SignalAndWait(ct);
            }
        }

        BarrierWorkers.Run(workers, Sweep, ct);
        return Summarise(p, grids[blocks & 1]);
    }

    public KernelResult RunReference(KernelParameters p, CancellationToken ct)
    {
        var (w, h, steps, current) = Inputs(p);
        var next = (float[])current.Clone();
        for (var step = 0; step < steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            for (var y = 1; y < h - 1; y++)
            for (var x = 1; x < w - 1; x++)
            {
                var i = y * w + x;
                next[i] = Cell(current[i - w], current[i + w], current[i + 1], current[i - 1], current[i]);
            }
            (current, next) = (next, current);
        }
        return Summarise(p, current);
    }

    /// <summary>One interior row, 8 cells a vector; the same operations in the same order as <see cref="Cell"/>.</summary>
    private static void Row(float[] src, float[] dst, int y, int w, Vector256<float> alpha, Vector256<float> four)
    {
        ref var mid = ref src[y * w];
        ref var up = ref src[(y - 1) * w];
        ref var down = ref src[(y + 1) * w];
        ref var outRow = ref dst[y * w];
        nuint x = 1;
        if (Vector512.IsHardwareAccelerated)
        {
            var (alpha16, four16) = (Vector512.Create(alpha.ToScalar()), Vector512.Create(4f));
            for (; (int)x <= w - 17; x += 16)
            {
                var c = Vector512.LoadUnsafe(ref mid, x);
                var sum = Vector512.LoadUnsafe(ref up, x) + Vector512.LoadUnsafe(ref down, x) + Vector512.LoadUnsafe(ref mid, x + 1) + Vector512.LoadUnsafe(ref mid, x - 1);
                (c + alpha16 * (sum - four16 * c)).StoreUnsafe(ref outRow, x);
            }
        }
        for (; (int)x <= w - 9; x += 8)
        {
            var c = Vector256.LoadUnsafe(ref mid, x);
            var sum = Vector256.LoadUnsafe(ref up, x) + Vector256.LoadUnsafe(ref down, x) + Vector256.LoadUnsafe(ref mid, x + 1) + Vector256.LoadUnsafe(ref mid, x - 1);
            (c + alpha * (sum - four * c)).StoreUnsafe(ref outRow, x);
        }
        for (var i = (int)x; i < w - 1; i++)
            dst[y * w + i] = Cell(src[(y - 1) * w + i], src[(y + 1) * w + i], src[y * w + i + 1], src[y * w + i - 1], src[y * w + i]);
    }

    private static float Cell(float up, float down, float right, float left, float c) => c + Alpha * ((up + down + right + left) - 4f * c);

    private static (int W, int H, int Steps, float[] Grid) Inputs(KernelParameters p)
    {
        var (w, h) = (p.Int("width"), p.Int("height"));
        var grid = new float[(long)w * h];
        SeededInputs.FillUniformIntegers(grid, (ulong)p["seed"], InputStream, InputRange, InputScale, 0f);   // 0.0 to 100.0 degrees
        return (w, h, p.Int("steps"), grid);
    }

    private static CanonicalHash NewHash(KernelParameters p) => new($"stencil-heat/v2/{p["width"]}x{p["height"]}/{p["steps"]}");

    private const double Quantum = 4096;

    private KernelResult Summarise(KernelParameters p, float[] grid)
    {
        using var hash = NewHash(p);
        return Summarise(p, hash, hash.AddQuantised(grid, Quantum));
    }

    private KernelResult Summarise(KernelParameters p, CanonicalHash hash, QuantisedStats stats)
    {
        var (sum, max) = (stats.Sum / Quantum, stats.Max / Quantum);
        return KernelSummary.Result(hash.Finish(), new
        {
            width = p["width"], height = p["height"], steps = p["steps"], seed = p["seed"],
            meanTemperature = Math.Round(sum / stats.Count, 6), maxTemperature = max,
        }, EstimateUnits(p));
    }
}
