using ILGPU;
using ILGPU.Runtime;

namespace Depin.Compute.Backends.Gpu;

/// <summary>
/// Single-precision GEMM on the device, C = A·B row-major: 128×128 tiles of C per group of 256 threads, each
/// thread accumulating an 8×8 block in registers (two 4×4 quadrants, 64 apart, so its shared-memory reads are
/// 16-byte vectors without bank conflicts). A and B advance through shared memory 8 columns of A / rows of B
/// at a time; the next slice is fetched into registers while the current one is multiplied. Edges that do not
/// fill a tile are read as zeros and not written, so any m, n, k work.
/// </summary>
internal static class DeviceGemm
{
    private const int Tile = 128, Depth = 8, Threads = 256, Quads = Tile / 4;

    internal struct Shape
    {
        public int M, N, K, TilesAcross;
    }

    /// <summary>Queues C = A·B on the device (views already there); the caller synchronises.</summary>
    public static void Multiply(IlgpuBackend device, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int m, int n, int k)
    {
        var kernel = device.Kernel("gemm", acc => acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, Shape>(Kernel));
        var across = (n + Tile - 1) / Tile;
        var down = (m + Tile - 1) / Tile;
        kernel(new KernelConfig(across * down, Threads), a, b, c, new Shape { M = m, N = n, K = k, TilesAcross = across });
    }

    /// <summary>Eight accumulators of one row of a thread's block: columns 0–3 and 64–67 from its first.</summary>
    internal struct Row8
    {
        public float C0, C1, C2, C3, C4, C5, C6, C7;

        public readonly Row8 Fma(float a, Float4 lo, Float4 hi) => new()
        {
            C0 = C0 + a * lo.X, C1 = C1 + a * lo.Y, C2 = C2 + a * lo.Z, C3 = C3 + a * lo.W,
            C4 = C4 + a * hi.X, C5 = C5 + a * hi.Y, C6 = C6 + a * hi.Z, C7 = C7 + a * hi.W,
        };

        public readonly void Store(ArrayView<float> c, Shape s, int row, int col)
        {
            if (row >= s.M) return;
            var at = row * s.N;
            if (col < s.N) c[at + col] = C0;
            if (col + 1 < s.N) c[at + col + 1] = C1;
            if (col + 2 < s.N) c[at + col + 2] = C2;
            if (col + 3 < s.N) c[at + col + 3] = C3;
            if (col + 64 < s.N) c[at + col + 64] = C4;
            if (col + 65 < s.N) c[at + col + 65] = C5;
            if (col + 66 < s.N) c[at + col + 66] = C6;
            if (col + 67 < s.N) c[at + col + 67] = C7;
        }
    }

    private static float At(ArrayView<float> v, int row, int col, int rows, int cols) =>
        row < rows && col < cols ? v[row * cols + col] : 0f;

    private static void Kernel(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, Shape s)
    {
        var aTile = SharedMemory.Allocate<Float4>(Depth * Quads);   // A transposed: [kk][row / 4]
        var bTile = SharedMemory.Allocate<Float4>(Depth * Quads);   // B: [kk][col / 4]
        var aStore = aTile.Cast<float>();
        var bStore = bTile.Cast<float>();
        var tid = Group.IdxX;
        int tx = tid % 16, ty = tid / 16;
        int row0 = Grid.IdxX / s.TilesAcross * Tile, col0 = Grid.IdxX % s.TilesAcross * Tile;
        // The slice elements this thread fetches: A at rows aRow + 32q, column aK; B at rows bK + 2q, column bCol.
        int aRow = tid / 8, aK = tid % 8, bK = tid / 128, bCol = tid % 128;

        var a0 = At(a, row0 + aRow, aK, s.M, s.K);
        var a1 = At(a, row0 + aRow + 32, aK, s.M, s.K);
        var a2 = At(a, row0 + aRow + 64, aK, s.M, s.K);
        var a3 = At(a, row0 + aRow + 96, aK, s.M, s.K);
        var b0 = At(b, bK, col0 + bCol, s.K, s.N);
        var b1 = At(b, bK + 2, col0 + bCol, s.K, s.N);
        var b2 = At(b, bK + 4, col0 + bCol, s.K, s.N);
        var b3 = At(b, bK + 6, col0 + bCol, s.K, s.N);

        Row8 r0 = default, r1 = default, r2 = default, r3 = default, r4 = default, r5 = default, r6 = default, r7 = default;
        for (var kb = 0; kb < s.K; kb += Depth)
        {
            aStore[aK * Tile + aRow] = a0;
            aStore[aK * Tile + aRow + 32] = a1;
            aStore[aK * Tile + aRow + 64] = a2;
            aStore[aK * Tile + aRow + 96] = a3;
            bStore[bK * Tile + bCol] = b0;
            bStore[(bK + 2) * Tile + bCol] = b1;
            bStore[(bK + 4) * Tile + bCol] = b2;
            bStore[(bK + 6) * Tile + bCol] = b3;
            Group.Barrier();

            var next = kb + Depth;
            if (next < s.K)
            {
                a0 = At(a, row0 + aRow, next + aK, s.M, s.K);
                a1 = At(a, row0 + aRow + 32, next + aK, s.M, s.K);
                a2 = At(a, row0 + aRow + 64, next + aK, s.M, s.K);
                a3 = At(a, row0 + aRow + 96, next + aK, s.M, s.K);
                b0 = At(b, next + bK, col0 + bCol, s.K, s.N);
                b1 = At(b, next + bK + 2, col0 + bCol, s.K, s.N);
                b2 = At(b, next + bK + 4, col0 + bCol, s.K, s.N);
                b3 = At(b, next + bK + 6, col0 + bCol, s.K, s.N);
            }

            for (var kk = 0; kk < Depth; kk++)
            {
                var aLo = aTile[kk * Quads + ty];
                var aHi = aTile[kk * Quads + 16 + ty];
                var bLo = bTile[kk * Quads + tx];
                var bHi = bTile[kk * Quads + 16 + tx];
                r0 = r0.Fma(aLo.X, bLo, bHi);
                r1 = r1.Fma(aLo.Y, bLo, bHi);
                r2 = r2.Fma(aLo.Z, bLo, bHi);
                r3 = r3.Fma(aLo.W, bLo, bHi);
                r4 = r4.Fma(aHi.X, bLo, bHi);
                r5 = r5.Fma(aHi.Y, bLo, bHi);
                r6 = r6.Fma(aHi.Z, bLo, bHi);
                r7 = r7.Fma(aHi.W, bLo, bHi);
            }
            Group.Barrier();
        }

        int rowLo = row0 + ty * 4, rowHi = rowLo + 64, col = col0 + tx * 4;
        r0.Store(c, s, rowLo, col);
        r1.Store(c, s, rowLo + 1, col);
        r2.Store(c, s, rowLo + 2, col);
        r3.Store(c, s, rowLo + 3, col);
        r4.Store(c, s, rowHi, col);
        r5.Store(c, s, rowHi + 1, col);
        r6.Store(c, s, rowHi + 2, col);
        r7.Store(c, s, rowHi + 3, col);
    }
}
