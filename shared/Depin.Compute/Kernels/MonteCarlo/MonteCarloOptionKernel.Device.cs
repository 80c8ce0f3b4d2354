using Depin.Compute.Backends.Gpu;
using Depin.Compute.Hashing;
using ILGPU;
using ILGPU.Runtime;

namespace Depin.Compute.Kernels.MonteCarlo;

/// <summary>
/// The GPU path: one group of 256 threads per chunk of <see cref="ChunkPairs"/> path pairs (the CPU's chunks),
/// the same counter-based draws, a shared-memory histogram of the low tail, and the chunk's sums reduced in a
/// fixed tree; chunk sums are added on the host in chunk order, as on the CPU. Exp, log, sin and cos are the
/// device's, so the price agrees with the CPU's within the kernel's tolerance, not bit for bit.
/// </summary>
public sealed partial class MonteCarloOptionKernel
{
    private const int DeviceThreads = 256, ChunksPerLaunch = 2048;

    /// <summary>The model as a plain struct, passed to the device by value.</summary>
    internal struct DeviceModel
    {
        public float Spot, Strike, Drift, Vol, InverseBinWidth;
        public long Pairs, FirstChunk;
        public ulong Seed;
        public int StoredBins;
    }

    private static Tally SimulateOnDevice(Model m, IlgpuBackend device, IProgress<double>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var chunks = (m.Pairs + ChunkPairs - 1) / ChunkPairs;
        var kernel = device.Kernel("montecarlo-option", acc => acc.LoadStreamKernel<DeviceModel, ArrayView<double>, ArrayView<long>>(SimulateChunks));
        var model = new DeviceModel
        {
            Spot = m.Spot, Strike = m.Strike, Drift = m.Drift, Vol = m.Vol, InverseBinWidth = m.InverseBinWidth,
            Pairs = m.Pairs, Seed = m.Seed, StoredBins = m.StoredBins,
        };
        var sums = new double[2 * chunks];
        var total = new Tally();
        using (device.Claim())
        {
            using var partials = device.Accelerator.Allocate1D<double>(2 * chunks);
            using var histogram = device.Accelerator.Allocate1D<long>(Bins);
            histogram.MemSetToZero();
            for (long first = 0; first < chunks; first += ChunksPerLaunch)
            {
                kernel(new KernelConfig((int)Math.Min(ChunksPerLaunch, chunks - first), DeviceThreads), model with { FirstChunk = first }, partials.View, histogram.View);
                if (first + ChunksPerLaunch >= chunks) continue;
                device.Checkpoint((double)first / chunks, progress, ct);
            }
            device.Download(partials.View, sums);
            device.Download(histogram.View, total.Histogram);
        }
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            total.Sum += sums[2 * chunk];
            total.SumSquares += sums[2 * chunk + 1];
        }
        return total;
    }

    private static void SimulateChunks(DeviceModel m, ArrayView<double> partials, ArrayView<long> histogram)
    {
        var bins = SharedMemory.Allocate<int>(Bins);
        var sums = SharedMemory.Allocate<double>(DeviceThreads);
        var squares = SharedMemory.Allocate<double>(DeviceThreads);
        var tid = Group.IdxX;
        for (var i = tid; i < Bins; i += DeviceThreads) bins[i] = 0;
        Group.Barrier();

        var chunk = m.FirstChunk + Grid.IdxX;
        var start = chunk * ChunkPairs;
        var end = Math.Min(m.Pairs, start + ChunkPairs);
        double sum = 0, sumSquares = 0;
        var zeros = 0;
        for (var k = start + tid; k < end; k += DeviceThreads)
        {
            var bits = SeededInputs.Mix(m.Seed, 51, (ulong)k);
            var u1 = ((bits >> 40) + 0.5f) * (1f / (1 << 24));
            var u2 = (((bits >> 8) & 0xFFFFFF) + 0.5f) * (1f / (1 << 24));
            var radius = MathF.Sqrt(-2f * MathF.Log(u1));
            var angle = 2f * MathF.PI * u2;
            for (var half = 0; half < 2; half++)
            {
                var z = radius * (half == 0 ? MathF.Cos(angle) : MathF.Sin(angle));
                var payoff = MathF.Max(0f, m.Spot * MathF.Exp(m.Drift + m.Vol * z) - m.Strike);
                sum += payoff;
                sumSquares += (double)payoff * payoff;
                if (payoff == 0f)
                {
                    zeros++;
                    continue;
                }
                var bin = (int)MathF.Min(payoff * m.InverseBinWidth, Bins - 1);
                if (bin < m.StoredBins) Atomic.Add(ref bins[bin], 1);
            }
        }
        sums[tid] = sum;
        squares[tid] = sumSquares;
        if (zeros > 0) Atomic.Add(ref bins[0], zeros);
        Group.Barrier();
        for (var stride = DeviceThreads / 2; stride > 0; stride /= 2)
        {
            if (tid < stride)
            {
                sums[tid] += sums[tid + stride];
                squares[tid] += squares[tid + stride];
            }
            Group.Barrier();
        }
        if (tid == 0)
        {
            partials[2 * chunk] = sums[0];
            partials[2 * chunk + 1] = squares[0];
        }
        for (var i = tid; i < m.StoredBins; i += DeviceThreads)
            if (bins[i] != 0) Atomic.Add(ref histogram[i], bins[i]);
    }
}
