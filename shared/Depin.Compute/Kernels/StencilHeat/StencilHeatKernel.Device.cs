using Depin.Compute.Backends.Gpu;
using Depin.Compute.Hashing;
using Depin.Compute.Parameters;
using ILGPU;
using ILGPU.Runtime;

namespace Depin.Compute.Kernels.StencilHeat;

/// <summary>
/// The GPU path: the grid is generated on the device and stays there in two buffers (the fixed border in both) and is
/// hashed there (<see cref="DeviceHash"/>), one
/// launch per step of 32×8 groups, one thread per interior cell. Every operation is rounded on its own, in the
/// CPU's order (<see cref="ExactFloat"/>), so the result equals the CPU's bit for bit on any device.
/// </summary>
public sealed partial class StencilHeatKernel
{
    private KernelResult RunOnDevice(KernelParameters p, IlgpuBackend device, IProgress<double>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var (w, h, steps) = (p.Int("width"), p.Int("height"), p.Int("steps"));
        var length = (long)w * h;
        using var hash = NewHash(p);
        QuantisedStats stats;
        var step = device.Kernel("stencil-heat", acc => acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int>(Step));
        var config = new KernelConfig(new Index3D((w - 2 + 31) / 32, (h - 2 + 7) / 8, 1), new Index3D(32, 8, 1));
        using (device.Claim())
        {
            using var a = device.Accelerator.Allocate1D<float>(length);
            using var b = device.Accelerator.Allocate1D<float>(length);
            DeviceInputs.FillUniformIntegers(device, a.View, (ulong)p["seed"], InputStream, InputRange, InputScale, 0f);
            a.View.CopyTo(b.View);   // the fixed border, in both buffers
            for (var s = 0; s < steps; s++)
            {
                step(config, s % 2 == 0 ? a.View : b.View, s % 2 == 0 ? b.View : a.View, w, h);
                if (s % 512 != 511) continue;
                device.Checkpoint((double)(s + 1) / steps, progress, ct);
            }
            stats = DeviceHash.AddQuantised(device, hash, steps % 2 == 0 ? a.View : b.View, length, Quantum);
        }
        return Summarise(p, hash, stats);
    }

    private static void Step(ArrayView<float> src, ArrayView<float> dst, int w, int h)
    {
        int x = Grid.GlobalIndex.X + 1, y = Grid.GlobalIndex.Y + 1;
        if (x >= w - 1 || y >= h - 1) return;
        var i = y * w + x;
        var c = src[i];
        var sum = ExactFloat.Add(ExactFloat.Add(ExactFloat.Add(src[i - w], src[i + w]), src[i + 1]), src[i - 1]);
        dst[i] = ExactFloat.Add(c, ExactFloat.Mul(Alpha, ExactFloat.Sub(sum, ExactFloat.Mul(4f, c))));
    }
}
