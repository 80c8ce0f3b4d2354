using Depin.Compute.Backends.Gpu;
using Depin.Compute.Parameters;
using ILGPU;
using ILGPU.Runtime;

namespace Depin.Compute.Kernels.SmithWaterman;

/// <summary>
/// The GPU path: the matrix is cut into tiles of <see cref="StripRows"/> rows × <see cref="BlockColumns"/>
/// columns, and tiles on one anti-diagonal of tiles (independent of each other) run in one launch, one group per
/// tile. Inside a tile, thread r owns row r and runs a wavefront: at step t it computes column t − r, taking the
/// cell above from thread r − 1's previous step (shared memory) and the cell to the left and above-left from its
/// own registers; the tile's letters of b and the row above it are read into shared memory first, so no step
/// waits on device memory. Tiles hand on their last row (<c>rowBorder</c>), last column (<c>columnBorder</c>) and the
/// corner the next tile to the right needs. Integer arithmetic: the score equals the CPU's exactly.
/// </summary>
public sealed partial class SmithWatermanKernel
{
    // Square tiles: the sweep's serial steps are (n/rows + m/columns) × (rows + columns), least when rows = columns
    // (about 4n for a square matrix), and more tiles share each anti-diagonal. 256 × 1024 took 189,000 barrier steps
    // at n = m = 30,000 with at most 30 groups busy; 256 × 256 takes 120,000 with up to 118 (H100: 26.9 ms → see README).
    private const int StripRows = 256, BlockColumns = 256;

    internal struct Alignment
    {
        public int N, M, Match, Mismatch, Gap, FirstStrip, Diagonal;
    }

    internal static int DeviceScore(byte[] a, byte[] b, int match, int mismatch, int gap, IlgpuBackend device, IProgress<double>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        int n = a.Length, m = b.Length;
        int strips = (n + StripRows - 1) / StripRows, blocks = (m + BlockColumns - 1) / BlockColumns;
        var sweep = device.Kernel("smith-waterman", acc => acc.LoadStreamKernel<ArrayView<byte>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, Alignment>(Tile));
        var best = new int[1];
        using (device.Claim())
        {
            using var da = device.Upload<byte>(a);
            using var db = device.Upload<byte>(b);
            using var rowBorder = device.Accelerator.Allocate1D<int>(m + 1);
            using var columnBorder = device.Accelerator.Allocate1D<int>(n + 1);
            using var corners = device.Accelerator.Allocate1D<int>(strips);
            using var score = device.Accelerator.Allocate1D<int>(1);
            rowBorder.MemSetToZero();
            columnBorder.MemSetToZero();
            corners.MemSetToZero();
            score.MemSetToZero();
            var shape = new Alignment { N = n, M = m, Match = match, Mismatch = mismatch, Gap = gap };
            for (var d = 0; d < strips + blocks - 1; d++)
            {
                int first = Math.Max(0, d - blocks + 1), last = Math.Min(strips - 1, d);
                sweep(new KernelConfig(last - first + 1, StripRows), da.View, db.View, rowBorder.View, columnBorder.View, corners.View, score.View,
                    shape with { FirstStrip = first, Diagonal = d });
                if (d % 64 != 63) continue;
                device.Checkpoint((double)(d + 1) / (strips + blocks - 1), progress, ct);
            }
            device.Download(score.View, best);
        }
        return best[0];
    }

    private static void Tile(ArrayView<byte> a, ArrayView<byte> b, ArrayView<int> rowBorder, ArrayView<int> columnBorder, ArrayView<int> corners, ArrayView<int> score, Alignment s)
    {
        var previous = SharedMemory.Allocate<int>(2 * StripRows);   // each thread's last cell, by step parity
        var letters = SharedMemory.Allocate<int>(BlockColumns);     // b over the tile's columns
        var top = SharedMemory.Allocate<int>(BlockColumns);         // the row above the tile (the strip above's last)
        var strip = s.FirstStrip + Grid.IdxX;
        var r = Group.IdxX;
        var i = strip * StripRows + r + 1;                              // this thread's row, 1-based
        var c0 = (s.Diagonal - strip) * BlockColumns + 1;               // the tile's first column, 1-based
        var lastRow = Math.Min(s.N, (strip + 1) * StripRows);
        var rowOk = i <= s.N;
        var letter = rowOk ? a[i - 1] : 0;
        var left = rowOk ? columnBorder[i] : 0;                         // H(i, c0 − 1)
        var aboveLeft = r == 0 ? corners[strip] : rowOk ? columnBorder[i - 1] : 0;
        for (var q = r; q < BlockColumns; q += StripRows)
        {
            var column = c0 + q;
            letters[q] = column <= s.M ? b[column - 1] : -1;
            top[q] = column <= s.M ? rowBorder[column] : 0;
        }
        var best = 0;
        Group.Barrier();   // every thread has read its borders before any is overwritten

        for (var t = 0; t < StripRows + BlockColumns - 1; t++)
        {
            var offset = t - r;
            var j = c0 + offset;
            if (rowOk && offset >= 0 && offset < BlockColumns && j <= s.M)
            {
                var above = r == 0 ? top[offset] : previous[((t - 1) & 1) * StripRows + r - 1];
                var diagonal = aboveLeft + (letter == letters[offset] ? s.Match : -s.Mismatch);
                var h = Math.Max(0, Math.Max(diagonal, Math.Max(above - s.Gap, left - s.Gap)));
                previous[(t & 1) * StripRows + r] = h;
                best = Math.Max(best, h);
                if (r == 0 && offset == BlockColumns - 1) corners[strip] = above;   // H(first row − 1, last column): the next tile's corner
                if (i == lastRow) rowBorder[j] = h;
                if (offset == BlockColumns - 1 || j == s.M) columnBorder[i] = h;
                (aboveLeft, left) = (above, h);
            }
            Group.Barrier();
        }
        if (best > 0) Atomic.Max(ref score[0], best);
    }
}
