using System.Runtime.Intrinsics;
using Depin.Compute.Backends;
using Depin.Compute.Hashing;
using Depin.Compute.Numerics;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels.MonteCarlo;

/// <summary>
/// European call under geometric Brownian motion by Monte Carlo: price, standard error and the 95% and
/// 99% value-at-risk of holding the option to maturity. Path pair k draws its two normals from a
/// counter-based generator (SeededInputs.Mix(seed, k)) by Box–Muller, so any range of paths can be
/// computed anywhere, reproducibly. Sums are taken over fixed chunks and combined in chunk order, so the
/// fast path's result does not depend on the thread count. One unit = 10^6 paths.
/// </summary>
public sealed partial class MonteCarloOptionKernel : IKernel
{
    private const int ChunkPairs = 1 << 15;
    private const int Bins = 2048;

    public string Name => "montecarlo-option";
    public string Description => "European call price and value-at-risk by Monte Carlo";
    public double ReferenceTolerance => 1e-4;

    public ParameterSchema Schema { get; } = new(
        new ParameterSpec("spotCents", 1, 100_000_000, null, "spot price of the underlying, in cents"),
        new ParameterSpec("strikeCents", 1, 100_000_000, null, "strike price, in cents"),
        new ParameterSpec("volatilityBps", 1, 20_000, null, "annual volatility in basis points (2000 = 20%)"),
        new ParameterSpec("rateBps", -1_000, 2_000, 0, "risk-free annual rate in basis points"),
        new ParameterSpec("maturityDays", 1, 3_650, null, "days to maturity"),
        new ParameterSpec("paths", 2, 2_000_000_000, null, "simulated paths (even)"),
        new ParameterSpec("seed", 0, long.MaxValue, 1, "seed of the random streams"));

    public IEnumerable<string> CheckParameters(KernelParameters p)
    {
        if (p["paths"] % 2 != 0) yield return $"parameter 'paths' must be even (got {p["paths"]})";
    }

    public string CostModel => "⌈paths / 1,000,000⌉ (simulated paths per million), at least 1";

    public long EstimateUnits(KernelParameters p) => Math.Max(1, (p["paths"] + 999_999) / 1_000_000);

    /// <summary>The model in per-path terms: S_T = S0·exp(drift + vol·z), discounted by `discount`.</summary>
    /// <param name="StoredBins">payoffs are binned only below this bin: the quantiles VaR needs lie in the low tail</param>
    private readonly record struct Model(float Spot, float Strike, float Drift, float Vol, double Discount, long Pairs, ulong Seed, float BinWidth, int StoredBins)
    {
        public float InverseBinWidth => 1f / BinWidth;
    }

    private sealed class Tally
    {
        public double Sum, SumSquares;
        public readonly long[] Histogram = new long[Bins];

        public void Add(float payoff, in Model m)
        {
            Sum += payoff;
            SumSquares += (double)payoff * payoff;
            Histogram[(int)MathF.Min(payoff * m.InverseBinWidth, Bins - 1)]++;
        }

        public void Merge(Tally other)
        {
            Sum += other.Sum;
            SumSquares += other.SumSquares;
            for (var i = 0; i < Bins; i++) Histogram[i] += other.Histogram[i];
        }
    }

    public KernelResult Run(KernelParameters p, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        var m = ModelOf(p);
        return Summarise(p, m, Simulate(m, backend, progress, ct)) ?? Summarise(p, m with { StoredBins = Bins }, Simulate(m with { StoredBins = Bins }, backend, progress, ct))!;
    }

    private static Tally Simulate(Model m, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct) =>
        backend is Backends.Gpu.IlgpuBackend device ? SimulateOnDevice(m, device, progress, ct) : SimulateOnHost(m, backend, progress, ct);

    private static Tally SimulateOnHost(Model m, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        var chunks = (int)((m.Pairs + ChunkPairs - 1) / ChunkPairs);
        var tallies = new Tally[chunks];
        var done = 0;
        Parallel.For(0, chunks, KernelSummary.Options(backend, ct), chunk =>
        {
            var start = (long)chunk * ChunkPairs;
            var end = Math.Min(m.Pairs, start + ChunkPairs);
            tallies[chunk] = Vector512.IsHardwareAccelerated ? SimulateChunk512(m, start, end) : SimulateChunk(m, start, end);
            if (progress is not null && Interlocked.Increment(ref done) % 64 == 0) progress.Report((double)done / chunks);
        });
        var total = new Tally();
        foreach (var t in tallies) total.Merge(t);
        return total;
    }

    public KernelResult RunReference(KernelParameters p, CancellationToken ct)
    {
        // The reference bins every path: the tail-only binning is the fast path's optimisation.
        var m = ModelOf(p) with { StoredBins = Bins };
        return Summarise(p, m, SimulateReference(m, ct))!;
    }

    private static Tally SimulateReference(Model m, CancellationToken ct)
    {
        var total = new Tally();
        AddPairs(total, m, 0, m.Pairs, ct);
        return total;
    }

    /// <summary>Path pairs start … end−1, one at a time: the whole reference, and the vector paths' remainders.</summary>
    private static void AddPairs(Tally tally, in Model m, long start, long end, CancellationToken ct)
    {
        for (var k = start; k < end; k++)
        {
            if ((k & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            var (z0, z1) = Normals(SeededInputs.Mix(m.Seed, 51, (ulong)k));
            tally.Add(Payoff(m, z0), m);
            tally.Add(Payoff(m, z1), m);
        }
    }

    private static Tally SimulateChunk(in Model m, long start, long end)
    {
        var tally = new Tally();
        var (spot, strike, drift, vol) = (Vector256.Create(m.Spot), Vector256.Create(m.Strike), Vector256.Create(m.Drift), Vector256.Create(m.Vol));
        var (inverseWidth, lastBin, storedBins) = (Vector256.Create(m.InverseBinWidth), Vector256.Create((float)(Bins - 1)), Vector256.Create(m.StoredBins));
        Vector256<double> sum = default, sumSquares = default;
        long zeros = 0;
        Span<int> bins = stackalloc int[8];
        var histogram = tally.Histogram.AsSpan();
        var k = start;
        for (; k + 8 <= end; k += 8)
        {
            // Eight pairs: 24-bit uniforms in (0, 1) from the top and middle bits of each pair's 64-bit draw.
            var index = Vector256.Create((ulong)k, (ulong)k + 1, (ulong)k + 2, (ulong)k + 3);
            var lo = SeededInputs.Mix(m.Seed, 51, index);
            var hi = SeededInputs.Mix(m.Seed, 51, index + Vector256.Create(4UL));
            var u1 = ToUnit(Vector256.Narrow(lo >>> 40, hi >>> 40));
            var u2 = ToUnit(Vector256.Narrow((lo >>> 8) & Vector256.Create(0xFFFFFFUL), (hi >>> 8) & Vector256.Create(0xFFFFFFUL)));
            var radius = Vector256.Sqrt(Vector256.Create(-2f) * VectorMath.Log(u1));
            var (sin, cos) = Vector256.SinCos(Vector256.Create(2f * MathF.PI) * u2);
            for (var half = 0; half < 2; half++)
            {
                var z = radius * (half == 0 ? cos : sin);
                var payoff = Vector256.Max(Vector256<float>.Zero, spot * VectorMath.Exp(drift + vol * z) - strike);
                var (low, high) = Vector256.Widen(payoff);
                sum += low + high;
                sumSquares += low * low + high * high;
                // Out-of-the-money paths (payoff 0) all fall in bin 0: count them, bin only the others.
                var zero = Vector256.Equals(payoff, Vector256<float>.Zero);
                zeros += System.Numerics.BitOperations.PopCount(zero.ExtractMostSignificantBits());
                var bin = Vector256.ConvertToInt32(Vector256.Min(payoff * inverseWidth, lastBin));
                // Only the low tail is binned (zeros are counted above): few lanes ever reach the scalar increments.
                var paying = Vector256.AndNot(Vector256.LessThan(bin, storedBins), zero.AsInt32()).ExtractMostSignificantBits();
                if (paying == 0) continue;
                bin.CopyTo(bins);
                for (; paying != 0; paying &= paying - 1) histogram[bins[System.Numerics.BitOperations.TrailingZeroCount(paying)]]++;
            }
        }
        tally.Sum += Vector256.Sum(sum);
        tally.SumSquares += Vector256.Sum(sumSquares);
        tally.Histogram[0] += zeros;
        AddPairs(tally, m, k, end, CancellationToken.None);
        return tally;
    }

    /// <summary><see cref="SimulateChunk"/> sixteen pairs at a time, for CPUs that execute AVX-512.</summary>
    private static Tally SimulateChunk512(in Model m, long start, long end)
    {
        var tally = new Tally();
        var (spot, strike, drift, vol) = (Vector512.Create(m.Spot), Vector512.Create(m.Strike), Vector512.Create(m.Drift), Vector512.Create(m.Vol));
        var (inverseWidth, lastBin, storedBins) = (Vector512.Create(m.InverseBinWidth), Vector512.Create((float)(Bins - 1)), Vector512.Create(m.StoredBins));
        var (unit, half, mask24) = (Vector512.Create(1f / (1 << 24)), Vector512.Create(0.5f), Vector512.Create(0xFFFFFFUL));
        Vector512<double> sum = default, sumSquares = default;
        long zeros = 0;
        Span<int> bins = stackalloc int[16];
        var histogram = tally.Histogram.AsSpan();
        var k = start;
        for (; k + 16 <= end; k += 16)
        {
            var index = Vector512.Create((ulong)k) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
            var lo = SeededInputs.Mix(m.Seed, 51, index);
            var hi = SeededInputs.Mix(m.Seed, 51, index + Vector512.Create(8UL));
            var u1 = (Vector512.ConvertToSingle(Vector512.Narrow(lo >>> 40, hi >>> 40).AsInt32()) + half) * unit;
            var u2 = (Vector512.ConvertToSingle(Vector512.Narrow((lo >>> 8) & mask24, (hi >>> 8) & mask24).AsInt32()) + half) * unit;
            var radius = Vector512.Sqrt(Vector512.Create(-2f) * VectorMath.Log(u1));
            var (sin, cos) = Vector512.SinCos(Vector512.Create(2f * MathF.PI) * u2);
            for (var part = 0; part < 2; part++)
            {
                var z = radius * (part == 0 ? cos : sin);
                var payoff = Vector512.Max(Vector512<float>.Zero, spot * VectorMath.Exp(drift + vol * z) - strike);
                var (low, high) = Vector512.Widen(payoff);
                sum += low + high;
                sumSquares += low * low + high * high;
                var zero = Vector512.Equals(payoff, Vector512<float>.Zero);
                zeros += System.Numerics.BitOperations.PopCount(zero.ExtractMostSignificantBits());
                var bin = Vector512.ConvertToInt32(Vector512.Min(payoff * inverseWidth, lastBin));
                // Only the low tail is binned (zeros are counted above): few lanes ever reach the scalar increments.
                var paying = Vector512.AndNot(Vector512.LessThan(bin, storedBins), zero.AsInt32()).ExtractMostSignificantBits();
                if (paying == 0) continue;
                bin.CopyTo(bins);
                for (; paying != 0; paying &= paying - 1) histogram[bins[System.Numerics.BitOperations.TrailingZeroCount(paying)]]++;
            }
        }
        tally.Sum += Vector512.Sum(sum);
        tally.SumSquares += Vector512.Sum(sumSquares);
        tally.Histogram[0] += zeros;
        AddPairs(tally, m, k, end, CancellationToken.None);
        return tally;
    }

    private static Vector256<float> ToUnit(Vector256<uint> bits) =>
        (Vector256.ConvertToSingle(bits.AsInt32()) + Vector256.Create(0.5f)) * Vector256.Create(1f / (1 << 24));

    private static (float Z0, float Z1) Normals(ulong bits)
    {
        var u1 = ((bits >> 40) + 0.5f) * (1f / (1 << 24));
        var u2 = (((bits >> 8) & 0xFFFFFF) + 0.5f) * (1f / (1 << 24));
        var radius = MathF.Sqrt(-2f * MathF.Log(u1));
        var (sin, cos) = MathF.SinCos(2f * MathF.PI * u2);
        return (radius * cos, radius * sin);
    }

    private static float Payoff(in Model m, float z) => MathF.Max(0f, m.Spot * MathF.Exp(m.Drift + m.Vol * z) - m.Strike);

    private static Model ModelOf(KernelParameters p)
    {
        var spot = p["spotCents"] / 100.0;
        var sigma = p["volatilityBps"] / 10_000.0;
        var rate = p["rateBps"] / 10_000.0;
        var years = p["maturityDays"] / 365.0;
        var vol = sigma * Math.Sqrt(years);
        var maxPayoff = spot * Math.Exp(rate * years + 6 * vol);   // payoffs above this share the last bin
        var (strike, drift, binWidth) = ((float)(p["strikeCents"] / 100.0), (float)((rate - sigma * sigma / 2) * years), (float)(maxPayoff / Bins));
        // The 1% and 5% quantiles lie below the payoff at z = −1 (16% of paths) unless the sample is tiny;
        // Summarise reports when they do not, and the run is repeated with every bin stored.
        var lowTail = Math.Max(0, spot * Math.Exp(drift - vol) - strike);
        var storedBins = (int)Math.Clamp(lowTail / binWidth + 1, 1, Bins);
        return new Model((float)spot, strike, drift, (float)vol, Math.Exp(-rate * years), p["paths"] / 2, (ulong)p["seed"], binWidth, storedBins);
    }

    /// <summary>Null when a quantile lies beyond the stored bins (the caller then stores them all).</summary>
    private KernelResult? Summarise(KernelParameters p, Model m, Tally t)
    {
        var n = (double)p["paths"];
        var mean = t.Sum / n;
        var variance = Math.Max(0, t.SumSquares / n - mean * mean);
        var price = m.Discount * mean;
        var standardError = m.Discount * Math.Sqrt(variance / n);
        double? Quantile(double q)
        {
            var target = (long)Math.Ceiling(q * n);
            long seen = 0;
            for (var bin = 0; bin < m.StoredBins; bin++)
                if ((seen += t.Histogram[bin]) >= target) return m.Discount * bin * m.BinWidth;
            return m.StoredBins == Bins ? m.Discount * Bins * m.BinWidth : null;
        }
        if (Quantile(0.05) is not { } q05 || Quantile(0.01) is not { } q01) return null;
        var var95 = price - q05;
        var var99 = price - q01;
        using var hash = new CanonicalHash($"montecarlo-option/v1/{p["spotCents"]}/{p["strikeCents"]}/{p["volatilityBps"]}/{p["rateBps"]}/{p["maturityDays"]}/{p["paths"]}/{p["seed"]}");
        hash.Add((long)Math.Round(price * 1e4));   // to the hundredth of a cent: far below the Monte Carlo error
        return KernelSummary.Result(hash.Finish(), new
        {
            price = Math.Round(price, 6), standardError = Math.Round(standardError, 6), valueAtRisk95 = Math.Round(var95, 6),
            valueAtRisk99 = Math.Round(var99, 6), paths = p["paths"], seed = p["seed"],
        }, EstimateUnits(p));
    }
}
