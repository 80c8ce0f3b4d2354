using Depin.Compute.Backends.Gpu;
using Depin.Compute.Parameters;
using ILGPU;
using ILGPU.Runtime;
using static Depin.Compute.Backends.Gpu.Sha256Rounds;

namespace Depin.Compute.Kernels.Sha256Pow;

/// <summary>
/// The GPU path: launches over consecutive ranges of nonces, each thread hashing every
/// <c>threads</c>-th nonce of the range from the header's midstate (rounds 8–63 only, the message schedule in
/// sixteen registers); a nonce that qualifies is kept by an atomic minimum. Ranges run in increasing order and
/// the search stops after the first range with a find, so the answer is the smallest nonce, as on the CPU.
/// </summary>
public sealed partial class Sha256PowKernel
{
    private const int DeviceThreads = 256, NoncesPerThread = 64;

    internal struct Search
    {
        public long First, Limit;
        public uint Bound;
    }

    private static long? DeviceSearch(byte[] header, int difficulty, long limit, IlgpuBackend device, IProgress<double>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var hasher = new Sha256x8(header);
        uint[] constants = [.. Sha256x8.K, .. hasher.Midstate, .. hasher.Header];   // K at 0, midstate at 64, header at 72
        var kernel = device.Kernel("sha256-pow", acc => acc.LoadStreamKernel<ArrayView<uint>, ArrayView<long>, Search>(Hash));
        var groups = Math.Max(1, device.Accelerator.NumMultiprocessors * 8);
        long perLaunch = (long)groups * DeviceThreads * NoncesPerThread;
        var found = new[] { long.MaxValue };
        using (device.Claim())
        {
            using var table = device.Upload<uint>(constants);
            using var best = device.Upload<long>(found);
            for (long first = 0; first < limit; first += perLaunch)
            {
                var search = new Search { First = first, Limit = Math.Min(limit, first + perLaunch), Bound = difficulty >= 32 ? 1u : 1u << (32 - difficulty) };
                kernel(new KernelConfig(groups, DeviceThreads), table.View, best.View, search);
                device.Download(best.View, found);
                if (found[0] != long.MaxValue) break;
                device.Checkpoint((double)search.Limit / limit, progress, ct);
            }
        }
        return found[0] == long.MaxValue ? null : found[0];
    }

    private static void Hash(ArrayView<uint> t, ArrayView<long> best, Search s)
    {
        var threads = Grid.DimX * Group.DimX;
        for (var nonce = s.First + Grid.GlobalIndex.X; nonce < s.Limit; nonce += threads)
        {
            uint w0 = t[72], w1 = t[73], w2 = t[74], w3 = t[75], w4 = t[76], w5 = t[77], w6 = t[78], w7 = t[79];
            uint w8 = Swap((uint)nonce), w9 = Swap((uint)((ulong)nonce >> 32)), w10 = 0x80000000u, w11 = 0, w12 = 0, w13 = 0, w14 = 0, w15 = 320;
            var st = new Sha256State { A = t[64], B = t[65], C = t[66], D = t[67], E = t[68], F = t[69], G = t[70], H = t[71] };
            st = st.Round(t[8] + w8);
            st = st.Round(t[9] + w9);
            st = st.Round(t[10] + w10);
            st = st.Round(t[11] + w11);
            st = st.Round(t[12] + w12);
            st = st.Round(t[13] + w13);
            st = st.Round(t[14] + w14);
            st = st.Round(t[15] + w15);
            st = Rounds16To63(st, t, new Sha256Block
            {
                W0 = w0, W1 = w1, W2 = w2, W3 = w3, W4 = w4, W5 = w5, W6 = w6, W7 = w7, W8 = w8, W9 = w9, W10 = w10, W11 = w11, W12 = w12, W13 = w13, W14 = w14, W15 = w15,
            });
            if (st.A + 0x6a09e667u < s.Bound) Atomic.Min(ref best[0], nonce);
        }
    }
}
