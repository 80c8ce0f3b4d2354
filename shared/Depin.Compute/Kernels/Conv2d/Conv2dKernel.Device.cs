using Depin.Compute.Backends.Gpu;
using Depin.Compute.Hashing;
using Depin.Compute.Parameters;
using ILGPU;
using ILGPU.Runtime;

namespace Depin.Compute.Kernels.Conv2d;

/// <summary>
/// The GPU path: the image is generated on the device; a group of 32×8 threads computes a 32×32 tile of the output, four rows per thread, from the
/// tile's input window (with its k−1 halo) and the filter, both read once into shared memory. Integer-valued
/// inputs make every sum exact, so the result equals the CPU's bit for bit.
/// </summary>
public sealed partial class Conv2dKernel
{
    private const int TileSide = 32, GroupRows = 8, MaxWindow = TileSide + 15 - 1;

    internal struct Shape
    {
        public int Width, Height, K, PaddedWidth, PaddedHeight;
    }

    private KernelResult RunOnDevice(KernelParameters p, IlgpuBackend device, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var (w, h, k) = (p.Int("width"), p.Int("height"), p.Int("kernelSize"));
        var seed = (ulong)p["seed"];
        var length = (long)w * h;
        using var hash = NewHash(p);
        QuantisedStats stats;
        var shape = new Shape { Width = w, Height = h, K = k, PaddedWidth = w + k - 1, PaddedHeight = h + k - 1 };
        var convolve = device.Kernel("conv2d", acc => acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, Shape>(Convolve));
        var generate = device.Kernel("conv2d-image", acc => acc.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, Shape, ulong>(Image));
        using (device.Claim())
        {
            using var image = device.Accelerator.Allocate1D<float>((long)shape.PaddedWidth * shape.PaddedHeight);
            image.MemSetToZero();
            generate(new Index2D(w, h), image.View, shape, seed);
            using var taps = device.Upload<float>(Filter(k, seed));
            using var result = device.Accelerator.Allocate1D<float>(length);
            convolve(new KernelConfig(new Index3D((w + TileSide - 1) / TileSide, (h + TileSide - 1) / TileSide, 1), new Index3D(TileSide, GroupRows, 1)),
                image.View, taps.View, result.View, shape);
            stats = DeviceHash.AddQuantised(device, hash, result.View, length, Quantum);
        }
        return Summarise(p, hash, stats);
    }

    /// <summary>The seeded image inside its zero border (the border was cleared before).</summary>
    private static void Image(Index2D at, ArrayView<float> padded, Shape s, ulong seed) =>
        padded[(at.Y + s.K / 2) * s.PaddedWidth + s.K / 2 + at.X] = DeviceInputs.UniformInteger(seed, ImageStream, (long)at.Y * s.Width + at.X, 256);

    private static void Convolve(ArrayView<float> padded, ArrayView<float> filter, ArrayView<float> output, Shape s)
    {
        var window = SharedMemory.Allocate<float>(MaxWindow * MaxWindow);
        var taps = SharedMemory.Allocate<float>(15 * 15);
        int tx = Group.IdxX, ty = Group.IdxY, tid = ty * TileSide + tx;
        int x0 = Grid.IdxX * TileSide, y0 = Grid.IdxY * TileSide;
        var side = TileSide + s.K - 1;
        for (var i = tid; i < side * side; i += TileSide * GroupRows)
        {
            int wy = i / side, wx = i % side, py = y0 + wy, px = x0 + wx;
            window[wy * MaxWindow + wx] = py < s.PaddedHeight && px < s.PaddedWidth ? padded[py * s.PaddedWidth + px] : 0f;
        }
        for (var i = tid; i < s.K * s.K; i += TileSide * GroupRows) taps[i] = filter[i];
        Group.Barrier();

        float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (var ky = 0; ky < s.K; ky++)
        for (var kx = 0; kx < s.K; kx++)
        {
            var tap = taps[ky * s.K + kx];
            var at = (ty + ky) * MaxWindow + tx + kx;
            a0 += tap * window[at];
            a1 += tap * window[at + GroupRows * MaxWindow];
            a2 += tap * window[at + 2 * GroupRows * MaxWindow];
            a3 += tap * window[at + 3 * GroupRows * MaxWindow];
        }
        var x = x0 + tx;
        if (x >= s.Width) return;
        var y = y0 + ty;
        if (y < s.Height) output[y * s.Width + x] = a0;
        if (y + GroupRows < s.Height) output[(y + GroupRows) * s.Width + x] = a1;
        if (y + 2 * GroupRows < s.Height) output[(y + 2 * GroupRows) * s.Width + x] = a2;
        if (y + 3 * GroupRows < s.Height) output[(y + 3 * GroupRows) * s.Width + x] = a3;
    }
}
