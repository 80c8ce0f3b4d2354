using Depin.Compute.Backends.Gpu;
using Depin.Compute.Parameters;
using ILGPU;
using ILGPU.Runtime;

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

    /// <summary>The eight working variables; a round returns the next state, so they stay in registers.</summary>
    internal struct State
    {
        public uint A, B, C, D, E, F, G, H;

        public readonly State Round(uint constantPlusWord)
        {
            var t1 = H + (Rotr(E, 6) ^ Rotr(E, 11) ^ Rotr(E, 25)) + ((E & F) ^ (~E & G)) + constantPlusWord;
            var t2 = (Rotr(A, 2) ^ Rotr(A, 13) ^ Rotr(A, 22)) + ((A & B) ^ (A & C) ^ (B & C));
            return new State { A = t1 + t2, B = A, C = B, D = C, E = D + t1, F = E, G = F, H = G };
        }
    }

    private static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));
    private static uint Sigma0(uint x) => Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3);
    private static uint Sigma1(uint x) => Rotr(x, 17) ^ Rotr(x, 19) ^ (x >> 10);
    private static uint Swap(uint x) => (x >> 24) | ((x >> 8) & 0xFF00) | ((x << 8) & 0xFF0000) | (x << 24);

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
            var st = new State { A = t[64], B = t[65], C = t[66], D = t[67], E = t[68], F = t[69], G = t[70], H = t[71] };
            st = st.Round(t[8] + w8);
            st = st.Round(t[9] + w9);
            st = st.Round(t[10] + w10);
            st = st.Round(t[11] + w11);
            st = st.Round(t[12] + w12);
            st = st.Round(t[13] + w13);
            st = st.Round(t[14] + w14);
            st = st.Round(t[15] + w15);
            for (var r = 16; r < 64; r += 16)
            {
                w0 += Sigma0(w1) + w9 + Sigma1(w14); st = st.Round(t[r] + w0);
                w1 += Sigma0(w2) + w10 + Sigma1(w15); st = st.Round(t[r + 1] + w1);
                w2 += Sigma0(w3) + w11 + Sigma1(w0); st = st.Round(t[r + 2] + w2);
                w3 += Sigma0(w4) + w12 + Sigma1(w1); st = st.Round(t[r + 3] + w3);
                w4 += Sigma0(w5) + w13 + Sigma1(w2); st = st.Round(t[r + 4] + w4);
                w5 += Sigma0(w6) + w14 + Sigma1(w3); st = st.Round(t[r + 5] + w5);
                w6 += Sigma0(w7) + w15 + Sigma1(w4); st = st.Round(t[r + 6] + w6);
                w7 += Sigma0(w8) + w0 + Sigma1(w5); st = st.Round(t[r + 7] + w7);
                w8 += Sigma0(w9) + w1 + Sigma1(w6); st = st.Round(t[r + 8] + w8);
                w9 += Sigma0(w10) + w2 + Sigma1(w7); st = st.Round(t[r + 9] + w9);
                w10 += Sigma0(w11) + w3 + Sigma1(w8); st = st.Round(t[r + 10] + w10);
                w11 += Sigma0(w12) + w4 + Sigma1(w9); st = st.Round(t[r + 11] + w11);
                w12 += Sigma0(w13) + w5 + Sigma1(w10); st = st.Round(t[r + 12] + w12);
                w13 += Sigma0(w14) + w6 + Sigma1(w11); st = st.Round(t[r + 13] + w13);
                w14 += Sigma0(w15) + w7 + Sigma1(w12); st = st.Round(t[r + 14] + w14);
                w15 += Sigma0(w0) + w8 + Sigma1(w13); st = st.Round(t[r + 15] + w15);
            }
            if (st.A + 0x6a09e667u < s.Bound) Atomic.Min(ref best[0], nonce);
        }
    }
}
