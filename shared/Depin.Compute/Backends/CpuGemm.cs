using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Depin.Compute.Backends;

/// <summary>
/// Single-precision GEMM in the BLIS style: B is packed into KC×NR panels shared by all threads, each
/// thread packs an MC×KC block of A into MR-row panels and runs an MR×NR register-blocked FMA
/// micro-kernel over them. Threads split the rows of C, so no two write the same element.
/// </summary>
internal static unsafe class CpuGemm
{
    internal const int MR = 6, NR = 16;
    private const int KC = 256, MC = 72, NC = 3072;

    public static bool UsesFma => Fma.IsSupported && Vector256.IsHardwareAccelerated;

    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        int parallelism, IProgress<double>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(a.Length, m * k);
        ArgumentOutOfRangeException.ThrowIfLessThan(b.Length, k * n);
        ArgumentOutOfRangeException.ThrowIfLessThan(c.Length, m * n);
        if (k == 0) { c[..(m * n)].Clear(); return; }

        // Buffers sized to the problem, not to the blocking limits: a fixed 3 MB panel per call made every tiny job
        // allocate on the large-object heap, and the executor spent a third of its CPU in background GCs.
        var kcMax = Math.Min(KC, k);
        var packedB = GC.AllocateUninitializedArray<float>(kcMax * (RoundUp(Math.Min(NC, n), NR) + NR));
        var packedALength = (RoundUp(Math.Min(MC, m), MR) + MR) * kcMax;
        var rowBlocks = (m + MC - 1) / MC;
        var steps = ((n + NC - 1) / NC) * ((k + KC - 1) / KC);
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct };
        fixed (float* pa = a, pb = b, pc = c)
        fixed (float* pPackedB = packedB)
        {
            var (A, B, C, PB) = ((nint)pa, (nint)pb, (nint)pc, (nint)pPackedB);
            for (var jc = 0; jc < n; jc += NC)
            {
                var nc = Math.Min(NC, n - jc);
                for (var pcol = 0; pcol < k; pcol += KC)
                {
                    ct.ThrowIfCancellationRequested();
                    var kc = Math.Min(KC, k - pcol);
                    PackB((float*)B, n, pcol, kc, jc, nc, (float*)PB);
                    var accumulate = pcol > 0;
                    var (jcLocal, pLocal) = (jc, pcol);
                    Parallel.For(0, rowBlocks, options,
                        () => GC.AllocateUninitializedArray<float>(packedALength),
                        (block, _, packedA) =>
                        {
                            var ic = block * MC;
                            var mc = Math.Min(MC, m - ic);
                            fixed (float* pA = packedA)
                            {
                                PackA((float*)A, k, ic, mc, pLocal, kc, pA);
                                MacroKernel(pA, (float*)PB, (float*)C, n, ic, mc, jcLocal, nc, kc, accumulate);
                            }
                            return packedA;
                        },
                        _ => { });
                    progress?.Report((double)++done / steps);
                }
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>B[pc..pc+kc, jc..jc+nc] → panels of NR columns, each kc rows of NR floats, zero-padded.</summary>
    private static void PackB(float* b, int ldb, int pc, int kc, int jc, int nc, float* dst)
    {
        for (var j0 = 0; j0 < nc; j0 += NR)
        {
            var width = Math.Min(NR, nc - j0);
            var panel = dst + j0 * kc;
            for (var p = 0; p < kc; p++)
            {
                var src = b + (long)(pc + p) * ldb + jc + j0;
                var row = panel + p * NR;
                if (width == NR)
                {
                    Vector256.Store(Vector256.Load(src), row);
                    Vector256.Store(Vector256.Load(src + 8), row + 8);
                }
                else
                {
                    for (var j = 0; j < width; j++) row[j] = src[j];
                    for (var j = width; j < NR; j++) row[j] = 0;
                }
            }
        }
    }

    /// <summary>A[ic..ic+mc, pc..pc+kc] → panels of MR rows, each kc columns of MR floats, zero-padded.</summary>
    private static void PackA(float* a, int lda, int ic, int mc, int pc, int kc, float* dst)
    {
        for (var i0 = 0; i0 < mc; i0 += MR)
        {
            var height = Math.Min(MR, mc - i0);
            var panel = dst + i0 * kc;
            for (var r = 0; r < MR; r++)
            {
                if (r < height)
                {
                    var src = a + (long)(ic + i0 + r) * lda + pc;
                    for (var p = 0; p < kc; p++) panel[p * MR + r] = src[p];
                }
                else
                {
                    for (var p = 0; p < kc; p++) panel[p * MR + r] = 0;
                }
            }
        }
    }

    private static void MacroKernel(float* packedA, float* packedB, float* c, int ldc, int ic, int mc, int jc, int nc, int kc, bool accumulate)
    {
        var edge = stackalloc float[MR * NR];
        for (var j0 = 0; j0 < nc; j0 += NR)
        {
            var width = Math.Min(NR, nc - j0);
            var bPanel = packedB + j0 * kc;
            for (var i0 = 0; i0 < mc; i0 += MR)
            {
                var height = Math.Min(MR, mc - i0);
                var aPanel = packedA + i0 * kc;
                var cTile = c + (long)(ic + i0) * ldc + jc + j0;
                if (width == NR && height == MR)
                {
                    MicroKernel(kc, aPanel, bPanel, cTile, ldc, accumulate);
                    continue;
                }
                // Edge tile: compute a full tile into scratch, then copy the valid part.
                MicroKernel(kc, aPanel, bPanel, edge, NR, false);
                for (var r = 0; r < height; r++)
                for (var j = 0; j < width; j++)
                    cTile[(long)r * ldc + j] = (accumulate ? cTile[(long)r * ldc + j] : 0) + edge[r * NR + j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MicroKernel(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        if (!UsesFma)
        {
            PortableMicroKernel(kc, a, b, c, ldc, accumulate);
            return;
        }
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10); c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20); c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30); c31 = Fma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40); c41 = Fma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50); c51 = Fma.MultiplyAdd(a5, b1, c51);
            a += MR;
            b += NR;
        }
        Store(c, c00, c01, accumulate); c += ldc;
        Store(c, c10, c11, accumulate); c += ldc;
        Store(c, c20, c21, accumulate); c += ldc;
        Store(c, c30, c31, accumulate); c += ldc;
        Store(c, c40, c41, accumulate); c += ldc;
        Store(c, c50, c51, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, Vector256<float> lo, Vector256<float> hi, bool accumulate)
    {
        if (accumulate)
        {
            lo += Vector256.Load(row);
            hi += Vector256.Load(row + 8);
        }
        Vector256.Store(lo, row);
        Vector256.Store(hi, row + 8);
    }

    /// <summary>For CPUs without FMA or 256-bit vectors: the same tile, scalar.</summary>
    private static void PortableMicroKernel(int kc, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        var acc = stackalloc float[MR * NR];
        new Span<float>(acc, MR * NR).Clear();
        for (var p = 0; p < kc; p++, a += MR, b += NR)
        for (var r = 0; r < MR; r++)
        {
            var ar = a[r];
            for (var j = 0; j < NR; j++) acc[r * NR + j] += ar * b[j];
        }
        for (var r = 0; r < MR; r++)
        for (var j = 0; j < NR; j++)
            c[(long)r * ldc + j] = (accumulate ? c[(long)r * ldc + j] : 0) + acc[r * NR + j];
    }
}
