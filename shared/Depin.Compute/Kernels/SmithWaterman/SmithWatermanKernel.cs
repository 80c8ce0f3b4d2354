using System.Runtime.Intrinsics;
using Depin.Compute.Backends;
using Depin.Compute.Hashing;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels.SmithWaterman;

/// <summary>
/// Smith–Waterman local alignment score of two seeded DNA sequences with linear gaps:
/// H(i,j) = max(0, H(i−1,j−1) + s(aᵢ,bⱼ), H(i−1,j) − gap, H(i,j−1) − gap). Integer arithmetic, so the
/// fast path equals the reference exactly. One unit = 10^6 cells.
/// </summary>
public sealed partial class SmithWatermanKernel : IKernel
{
    private const int ParallelDiagonal = 4096;

    public string Name => "smith-waterman";
    public string Description => "Local alignment score of two seeded DNA sequences";

    public ParameterSchema Schema { get; } = new(
        new ParameterSpec("lengthA", 1, 100_000, null, "length of the first sequence"),
        new ParameterSpec("lengthB", 1, 100_000, null, "length of the second sequence"),
        new ParameterSpec("match", 1, 100, 2, "score of a match"),
        new ParameterSpec("mismatch", 0, 100, 1, "penalty of a mismatch"),
        new ParameterSpec("gap", 1, 100, 2, "penalty of a gap"),
        new ParameterSpec("seed", 0, long.MaxValue, 1, "seed of the sequences"));

    public string CostModel => "⌈lengthA · lengthB / 1,000,000⌉ (alignment cells per million), at least 1";

    public long EstimateUnits(KernelParameters p) => Math.Max(1, (p["lengthA"] * p["lengthB"] + 999_999) / 1_000_000);

    public KernelResult RunReference(KernelParameters p, CancellationToken ct)
    {
        var (a, b, match, mismatch, gap) = Inputs(p);
        return Summarise(p, ReferenceScore(a, b, match, mismatch, gap, ct));
    }

    internal static int ReferenceScore(byte[] a, byte[] b, int match, int mismatch, int gap, CancellationToken ct)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        var best = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            if ((i & 255) == 0) ct.ThrowIfCancellationRequested();
            for (var j = 1; j <= b.Length; j++)
            {
                var diagonal = previous[j - 1] + (a[i - 1] == b[j - 1] ? match : -mismatch);
                var h = Math.Max(0, Math.Max(diagonal, Math.Max(previous[j] - gap, current[j - 1] - gap)));
                current[j] = h;
                best = Math.Max(best, h);
            }
            (previous, current) = (current, previous);
        }
        return best;
    }

    /// <summary>
    /// Anti-diagonal sweep: cells with i + j = d depend only on diagonals d−1 and d−2. Diagonals are
    /// stored by row i; with b reversed, aᵢ and b_{d−i} are both contiguous in i, so 8 cells go per vector.
    /// </summary>
    public KernelResult Run(KernelParameters p, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        var (a, b, match, mismatch, gap) = Inputs(p);
        return Summarise(p, backend is Backends.Gpu.IlgpuBackend device
            ? DeviceScore(a, b, match, mismatch, gap, device, progress, ct)
            : FastScore(a, b, match, mismatch, gap, backend.Parallelism, progress, ct));
    }

    internal static int FastScore(byte[] a, byte[] b, int match, int mismatch, int gap, int parallelism, IProgress<double>? progress, CancellationToken ct)
    {
        int n = a.Length, m = b.Length;
        var aInts = new int[n + 9];                       // 1-based
        for (var i = 0; i < n; i++) aInts[i + 1] = a[i];
        var bReversed = new int[n + m + 9];               // bReversed[i + m − d + 1] = b_{d−i}
        for (var j = 1; j <= m; j++) bReversed[m - j + 1] = b[j - 1];
        var diagonals = new[] { new int[n + 10], new int[n + 10], new int[n + 10] };
        var workers = Math.Max(1, parallelism);
        var bests = new Vector256<int>[workers];
        var barrier = new SpinBarrier(workers);

        int Length(int d) => Math.Min(n, d - 1) - Math.Max(1, d - m) + 1;

        void Sweep(int worker, CancellationToken ct)
        {
            var best = Vector256<int>.Zero;
            var (vMatch, vMismatch, vGap) = (Vector256.Create(match), Vector256.Create(-mismatch), Vector256.Create(gap));
            for (var d = 2; d <= n + m; d++)
            {
                var (h2, h1, h) = (diagonals[(d + 1) % 3], diagonals[(d + 2) % 3], diagonals[d % 3]);   // diagonal e lives in e % 3
                int lo = Math.Max(1, d - m), hi = Math.Min(n, d - 1);
                var split = workers > 1 && Length(d) >= ParallelDiagonal;
                if (split || worker == 0)
                {
                    var parts = split ? workers : 1;
                    var span = (hi - lo + 1 + parts - 1) / parts;
                    int from = lo + (parts == 1 ? 0 : worker * span), to = Math.Min(hi, from + span - 1);
                    var offset = m - d;
                    var i = from;
                    for (; i + 7 <= to; i += 8)
                    {
                        var same = Vector256.Equals(Vector256.Create<int>(aInts.AsSpan(i)), Vector256.Create<int>(bReversed.AsSpan(i + offset + 1)));
                        var diagonal = Vector256.Create<int>(h2.AsSpan(i - 1)) + Vector256.ConditionalSelect(same, vMatch, vMismatch);
                        var up = Vector256.Create<int>(h1.AsSpan(i - 1)) - vGap;
                        var left = Vector256.Create<int>(h1.AsSpan(i)) - vGap;
                        var cell = Vector256.Max(Vector256<int>.Zero, Vector256.Max(diagonal, Vector256.Max(up, left)));
                        cell.CopyTo(h.AsSpan(i));
                        best = Vector256.Max(best, cell);
                    }
                    for (; i <= to; i++)
                    {
                        var cell = Math.Max(0, Math.Max(h2[i - 1] + (aInts[i] == bReversed[i + offset + 1] ? match : -mismatch),
                            Math.Max(h1[i - 1] - gap, h1[i] - gap)));
                        h[i] = cell;
                        best = Vector256.Max(best, Vector256.Create(cell));
                    }
                    if (worker == 0) h[hi + 1] = 0;   // the j = 0 border of the next diagonal's new top row
                }
                // Everyone must see diagonal d before a split diagonal reads it, and a split one before anyone reads it.
                if (split || (workers > 1 && d < n + m && Length(d + 1) >= ParallelDiagonal)) barrier.SignalAndWait(ct);
                if (worker == 0 && (d & 1023) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report((double)d / (n + m));
                }
            }
            bests[worker] = best;
        }

        BarrierWorkers.Run(workers, Sweep, ct);
        return bests.Aggregate(0, (acc, v) => Math.Max(acc, MaxOf(v)));
    }

    private static int MaxOf(Vector256<int> v)
    {
        var max = 0;
        for (var i = 0; i < Vector256<int>.Count; i++) max = Math.Max(max, v[i]);
        return max;
    }

    private static (byte[] A, byte[] B, int Match, int Mismatch, int Gap) Inputs(KernelParameters p)
    {
        var seed = (ulong)p["seed"];
        var a = new byte[p.Int("lengthA")];
        var b = new byte[p.Int("lengthB")];
        for (var i = 0; i < a.Length; i++) a[i] = (byte)(SeededInputs.Mix(seed, 61, (ulong)i) & 3);
        for (var i = 0; i < b.Length; i++) b[i] = (byte)(SeededInputs.Mix(seed, 62, (ulong)i) & 3);
        return (a, b, p.Int("match"), p.Int("mismatch"), p.Int("gap"));
    }

    private KernelResult Summarise(KernelParameters p, int score)
    {
        using var hash = new CanonicalHash($"smith-waterman/v1/{p["lengthA"]}/{p["lengthB"]}/{p["match"]}/{p["mismatch"]}/{p["gap"]}/{p["seed"]}");
        hash.Add(score);
        return KernelSummary.Result(hash.Finish(), new { score, lengthA = p["lengthA"], lengthB = p["lengthB"], seed = p["seed"] }, EstimateUnits(p));
    }
}
