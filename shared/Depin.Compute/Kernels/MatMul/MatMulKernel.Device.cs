using Depin.Compute.Backends.Gpu;
using Depin.Compute.Hashing;
using Depin.Compute.Parameters;
using ILGPU;

namespace Depin.Compute.Kernels.MatMul;

/// <summary>
/// The GPU path: A and B generated on the device, the device GEMM, C hashed on the device; only the chunk digests,
/// statistics and C's first and last values come back.
/// </summary>
public sealed partial class MatMulKernel
{
    private KernelResult RunOnDevice(KernelParameters p, IlgpuBackend device, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var (m, n, k) = Dimensions(p);
        var seed = (ulong)p["seed"];
        var length = (long)m * n;
        var ends = new float[2];
        using var hash = NewHash(p);
        QuantisedStats stats;
        using (device.Claim())
        {
            using var a = device.Accelerator.Allocate1D<float>((long)m * k);
            using var b = device.Accelerator.Allocate1D<float>((long)k * n);
            using var product = device.Accelerator.Allocate1D<float>(length);
            DeviceInputs.FillUniformIntegers(device, a.View, seed, 1, 2 * InputRange + 1, 1f, -InputRange);
            DeviceInputs.FillUniformIntegers(device, b.View, seed, 2, 2 * InputRange + 1, 1f, -InputRange);
            DeviceGemm.Multiply(device, a.View, b.View, product.View, m, n, k);
            stats = DeviceHash.AddQuantised(device, hash, product.View, length, Quantum);
            device.Download(((ArrayView<float>)product.View).SubView(0, 1), ends.AsSpan(0, 1));
            device.Download(((ArrayView<float>)product.View).SubView(length - 1, 1), ends.AsSpan(1, 1));
        }
        return Summarise(p, hash, stats, ends[0], ends[1]);
    }
}
