using Depin.Compute.Backends.Gpu;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels.MatMul;

/// <summary>The GPU path: A and B generated on the device, the device GEMM, C copied back for the canonical hash.</summary>
public sealed partial class MatMulKernel
{
    private KernelResult RunOnDevice(KernelParameters p, IlgpuBackend device, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var (m, n, k) = Dimensions(p);
        var seed = (ulong)p["seed"];
        var c = new float[(long)m * n];
        using (device.Claim())
        {
            using var a = device.Accelerator.Allocate1D<float>((long)m * k);
            using var b = device.Accelerator.Allocate1D<float>((long)k * n);
            using var product = device.Accelerator.Allocate1D<float>(c.Length);
            DeviceInputs.FillUniformIntegers(device, a.View, seed, 1, 2 * InputRange + 1, 1f, -InputRange);
            DeviceInputs.FillUniformIntegers(device, b.View, seed, 2, 2 * InputRange + 1, 1f, -InputRange);
            DeviceGemm.Multiply(device, a.View, b.View, product.View, m, n, k);
            device.Download(product.View, c);
        }
        return Summarise(p, c);
    }
}
