using Depin.Compute.Backends.Gpu;
using Depin.Compute.Parameters;
using ILGPU;
using ILGPU.Runtime;

namespace Depin.Compute.Kernels.Mlp;

/// <summary>
/// The GPU path: weights, biases and the batch are generated on the device; each layer is the device GEMM plus a
/// bias-and-ReLU pass over the activations, which stay on the device. The logits stay there too: each row's
/// prediction and sum are taken on the device and the logits hashed there, so only those come back (the H100 run
/// spent most of the job copying 16 MB of logits back and hashing them on the host). The GEMM's summation order
/// differs from the CPU's, so the summary agrees within the kernel's tolerance.
/// </summary>
public sealed partial class MlpInferenceKernel
{
    private KernelResult RunOnDevice(KernelParameters p, IlgpuBackend device, IProgress<double>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var widths = Widths(p);
        var seed = (ulong)p["seed"];
        var layers = widths.Count - 1;
        var batch = p.Int("batch");
        var outputs = widths[^1];
        var activate = device.Kernel("mlp-bias", acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, int, int>(AddBias));
        var summarise = device.Kernel("mlp-rows", acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<double>, int>(RowSummary));
        using (device.Claim())
        {
            var buffers = new List<MemoryBuffer>();
            try
            {
                ArrayView<float> Keep(MemoryBuffer1D<float, Stride1D.Dense> buffer)
                {
                    buffers.Add(buffer);
                    return buffer.View;
                }
                ArrayView<float> Seeded(long length, ulong stream, float scale)
                {
                    var view = Keep(device.Accelerator.Allocate1D<float>(Math.Max(1, length)));
                    DeviceInputs.FillSigned(device, view, seed, stream, scale);
                    return view;
                }
                var x = Seeded((long)batch * widths[0], InputStream, 1f);
                var w = Enumerable.Range(0, layers).Select(l => Seeded((long)widths[l] * widths[l + 1], WeightStream + (ulong)l, WeightScale(widths[l]))).ToList();
                var b = Enumerable.Range(0, layers).Select(l => Seeded(widths[l + 1], BiasStream + (ulong)l, BiasScale)).ToList();
                for (var l = 0; l < layers; l++)
                {
                    ct.ThrowIfCancellationRequested();
                    var n = widths[l + 1];
                    var y = Keep(device.Accelerator.Allocate1D<float>(batch * n));
                    DeviceGemm.Multiply(device, x, w[l], y, batch, n, widths[l]);
                    activate(batch * n, y, b[l], n, l < layers - 1 ? 1 : 0);
                    x = y;
                    progress?.Report((double)(l + 1) / layers);
                }
                using var predictions = device.Accelerator.Allocate1D<int>(batch);
                using var rowSums = device.Accelerator.Allocate1D<double>(batch);
                summarise(batch, x, predictions.View, rowSums.View, outputs);
                var (best, sums) = (new int[batch], new double[batch]);
                device.Download(predictions.View, best);
                device.Download(rowSums.View, sums);
                var sum = 0.0;
                foreach (var rowSum in sums) sum += rowSum;
                return Summarise(p, best, sum, hash => DeviceHash.AddQuantised(device, hash, x, (long)batch * outputs, LogitQuantum));
            }
            finally
            {
                foreach (var buffer in buffers) buffer.Dispose();
            }
        }
    }

    /// <summary>One row of logits: its first largest value's index (the CPU's choice on ties) and its sum.</summary>
    private static void RowSummary(Index1D row, ArrayView<float> logits, ArrayView<int> predictions, ArrayView<double> sums, int outputs)
    {
        var start = (long)row.X * outputs;
        var (best, max, sum) = (0, float.NegativeInfinity, 0.0);
        for (var j = 0; j < outputs; j++)
        {
            var v = logits[start + j];
            if (v > max) (best, max) = (j, v);
            sum += v;
        }
        (predictions[row], sums[row]) = (best, sum);
    }

    private static void AddBias(Index1D i, ArrayView<float> y, ArrayView<float> bias, int n, int relu)
    {
        var v = y[i] + bias[i % n];
        y[i] = relu != 0 ? MathF.Max(v, 0f) : v;
    }
}
