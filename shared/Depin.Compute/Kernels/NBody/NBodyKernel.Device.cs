using Depin.Compute.Backends.Gpu;
using Depin.Compute.Parameters;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Depin.Compute.Kernels.NBody;

/// <summary>
/// The GPU path: bodies stay on the device as (x, y, z, m) vectors; one launch per step, one thread per body,
/// the other bodies streamed through shared memory 256 at a time and summed in index order. Positions ping-pong
/// between two buffers so a step reads only the previous step's. The device's reciprocal square root and fused
/// multiply-adds round differently from the CPU's: results agree within the kernel's tolerance.
/// </summary>
public sealed partial class NBodyKernel
{
    private const int DeviceThreads = 256;

    private KernelResult RunOnDevice(KernelParameters p, IlgpuBackend device, IProgress<double>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var b = Inputs(p);
        var steps = p.Int("steps");
        var n = b.Count;
        var positions = new Float4[n];
        var velocities = new Float4[n];
        for (var i = 0; i < n; i++) positions[i] = new Float4(b.X[i], b.Y[i], b.Z[i], b.M[i]);
        var step = device.Kernel("nbody", acc => acc.LoadStreamKernel<ArrayView<Float4>, ArrayView<Float4>, ArrayView<Float4>, int>(Step));
        var config = new KernelConfig((n + DeviceThreads - 1) / DeviceThreads, DeviceThreads);
        using (device.Claim())
        {
            using var current = device.Upload<Float4>(positions);
            using var next = device.Accelerator.Allocate1D<Float4>(n);
            using var velocity = device.Upload<Float4>(velocities);
            for (var s = 0; s < steps; s++)
            {
                step(config, s % 2 == 0 ? current.View : next.View, s % 2 == 0 ? next.View : current.View, velocity.View, n);
                if (s % 16 != 15) continue;
                device.Checkpoint((double)(s + 1) / steps, progress, ct);
            }
            device.Download(steps % 2 == 0 ? current.View : next.View, positions);
            device.Download(velocity.View, velocities);
        }
        for (var i = 0; i < n; i++)
            (b.X[i], b.Y[i], b.Z[i], b.Vx[i], b.Vy[i], b.Vz[i]) = (positions[i].X, positions[i].Y, positions[i].Z, velocities[i].X, velocities[i].Y, velocities[i].Z);
        return Summarise(p, b);
    }

    private static float InverseSqrt(float x)
    {
        if (!CudaAsm.IsSupported) return 1f / MathF.Sqrt(x);
        CudaAsm.Emit("rsqrt.approx.f32 %0, %1;", out float r, x);
        return r;
    }

    private static void Step(ArrayView<Float4> positions, ArrayView<Float4> next, ArrayView<Float4> velocities, int n)
    {
        var tile = SharedMemory.Allocate<Float4>(DeviceThreads);
        var i = Grid.GlobalIndex.X;
        var me = i < n ? positions[i] : default;
        float ax = 0, ay = 0, az = 0;
        for (var first = 0; first < n; first += DeviceThreads)
        {
            var j = first + Group.IdxX;
            tile[Group.IdxX] = j < n ? positions[j] : default;   // beyond n: massless, pulls on nothing
            Group.Barrier();
            for (var q = 0; q < DeviceThreads; q++)
            {
                var other = tile[q];
                float dx = other.X - me.X, dy = other.Y - me.Y, dz = other.Z - me.Z;
                var inv = InverseSqrt(dx * dx + dy * dy + dz * dz + Softening);
                var s = other.W * inv * inv * inv;
                ax += dx * s;
                ay += dy * s;
                az += dz * s;
            }
            Group.Barrier();
        }
        if (i >= n) return;
        var v = velocities[i];
        v.X += ax * Dt;
        v.Y += ay * Dt;
        v.Z += az * Dt;
        velocities[i] = v;
        next[i] = new Float4(me.X + v.X * Dt, me.Y + v.Y * Dt, me.Z + v.Z * Dt, me.W);
    }
}
