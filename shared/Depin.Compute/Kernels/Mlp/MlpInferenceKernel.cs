using System.Runtime.Intrinsics;
using Depin.Compute.Backends;
using Depin.Compute.Hashing;
using Depin.Compute.Kernels.MatMul;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels.Mlp;

/// <summary>
/// Forward pass of a dense network: `layers` hidden layers of `hidden` ReLU units, then `outputs`
/// logits, for a batch of seeded inputs in [−1, 1], with seeded He-initialised weights. The fast path is
/// one GEMM per layer on the backend plus a vectorised bias-and-ReLU pass. The result is the predicted
/// class (argmax) of every input; the hash covers those and the logits on a 1/64 grid. One unit = 10^6 flops.
/// </summary>
public sealed partial class MlpInferenceKernel : IKernel
{
    public string Name => "mlp-inference";
    public string Description => "Forward pass of a seeded multi-layer perceptron over a seeded batch";
    public double ReferenceTolerance => 1e-3;

    public ParameterSchema Schema { get; } = new(
        new ParameterSpec("batch", 1, 8192, null, "inputs in the batch"),
        new ParameterSpec("inputs", 1, 4096, null, "features per input"),
        new ParameterSpec("hidden", 1, 4096, null, "units per hidden layer"),
        new ParameterSpec("layers", 0, 16, 2, "hidden layers"),
        new ParameterSpec("outputs", 1, 1024, null, "classes"),
        new ParameterSpec("seed", 0, long.MaxValue, 1, "seed of weights and inputs"));

    public string CostModel => "⌈2 · batch · Σ(width of a layer · width of the next) / 1,000,000⌉ over inputs, layers × hidden, outputs; at least 1";

    public long EstimateUnits(KernelParameters p) =>
        Math.Max(1, (2 * p["batch"] * Widths(p).Zip(Widths(p).Skip(1)).Sum(l => (long)l.First * l.Second) + 999_999) / 1_000_000);

    private static List<int> Widths(KernelParameters p) =>
        [p.Int("inputs"), .. Enumerable.Repeat(p.Int("hidden"), p.Int("layers")), p.Int("outputs")];

    public KernelResult Run(KernelParameters p, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        if (backend is Backends.Gpu.IlgpuBackend device) return RunOnDevice(p, device, progress, ct);
        var (widths, weights, biases, x) = Inputs(p);
        var batch = p.Int("batch");
        for (var l = 0; l < weights.Length; l++)
        {
            var y = new float[batch * widths[l + 1]];
            backend.Sgemm(x, weights[l], y, batch, widths[l + 1], widths[l], null, ct);
            AddBiasAndActivate(y, biases[l], relu: l < weights.Length - 1);
            x = y;
            progress?.Report((double)(l + 1) / weights.Length);
        }
        return Summarise(p, x);
    }

    public KernelResult RunReference(KernelParameters p, CancellationToken ct)
    {
        var (widths, weights, biases, x) = Inputs(p);
        var batch = p.Int("batch");
        for (var l = 0; l < weights.Length; l++)
        {
            var (n, k) = (widths[l + 1], widths[l]);
            var y = new float[batch * n];
            MatMulReference.Multiply(x, weights[l], y, batch, n, k, ct);
            for (var i = 0; i < y.Length; i++)
            {
                var v = y[i] + biases[l][i % n];
                y[i] = l < weights.Length - 1 ? MathF.Max(0, v) : v;
            }
            x = y;
        }
        return Summarise(p, x);
    }

    private static void AddBiasAndActivate(float[] y, float[] bias, bool relu)
    {
        var n = bias.Length;
        for (var row = 0; row < y.Length; row += n)
        {
            var span = y.AsSpan(row, n);
            var j = 0;
            for (; j <= n - 8; j += 8)
            {
                var v = Vector256.Create<float>(span[j..]) + Vector256.Create<float>(bias.AsSpan(j));
                (relu ? Vector256.Max(v, Vector256<float>.Zero) : v).CopyTo(span[j..]);
            }
            for (; j < n; j++) span[j] = relu ? MathF.Max(0, span[j] + bias[j]) : span[j] + bias[j];
        }
    }

    private const ulong InputStream = 71, WeightStream = 100, BiasStream = 200;
    private const float BiasScale = 0.01f;

    /// <summary>He initialisation: weights uniform in ±√(6 / fan-in).</summary>
    private static float WeightScale(int fanIn) => MathF.Sqrt(6f / fanIn);

    private static (List<int> Widths, float[][] Weights, float[][] Biases, float[] Input) Inputs(KernelParameters p)
    {
        var seed = (ulong)p["seed"];
        var widths = Widths(p);
        static float Signed(ulong bits) => (bits >> 40) / (float)(1 << 23) - 1f;   // uniform in [−1, 1)
        var weights = new float[widths.Count - 1][];
        var biases = new float[widths.Count - 1][];
        for (var l = 0; l < weights.Length; l++)
        {
            var scale = WeightScale(widths[l]);
            weights[l] = new float[widths[l] * widths[l + 1]];
            for (var i = 0; i < weights[l].Length; i++) weights[l][i] = scale * Signed(SeededInputs.Mix(seed, WeightStream + (ulong)l, (ulong)i));
            biases[l] = new float[widths[l + 1]];
            for (var i = 0; i < biases[l].Length; i++) biases[l][i] = BiasScale * Signed(SeededInputs.Mix(seed, BiasStream + (ulong)l, (ulong)i));
        }
        var input = new float[p.Int("batch") * widths[0]];
        for (var i = 0; i < input.Length; i++) input[i] = Signed(SeededInputs.Mix(seed, InputStream, (ulong)i));
        return (widths, weights, biases, input);
    }

    private KernelResult Summarise(KernelParameters p, float[] logits)
    {
        var (batch, outputs) = (p.Int("batch"), p.Int("outputs"));
        var predictions = new int[batch];
        double sum = 0;
        for (var r = 0; r < batch; r++)
        {
            var row = logits.AsSpan(r * outputs, outputs);
            predictions[r] = row.IndexOf(TensorMax(row));
            foreach (var v in row) sum += v;
        }
        return Summarise(p, predictions, sum, hash => hash.AddQuantised(logits, LogitQuantum));
    }

    /// <summary>The result from each row's prediction, the logits' sum, and the logits hashed by addLogits (on the host or the device).</summary>
    private KernelResult Summarise(KernelParameters p, int[] predictions, double sum, Action<CanonicalHash> addLogits)
    {
        var (batch, outputs) = (p.Int("batch"), p.Int("outputs"));
        using var hash = new CanonicalHash($"mlp-inference/v2/{p["batch"]}/{p["inputs"]}/{p["hidden"]}/{p["layers"]}/{p["outputs"]}/{p["seed"]}");
        foreach (var prediction in predictions) hash.Add(prediction);
        addLogits(hash);
        return KernelSummary.Result(hash.Finish(), new
        {
            batch, outputs, meanLogit = sum / ((long)batch * outputs), predictions = predictions.Take(32),
            classCounts = predictions.GroupBy(c => c).OrderBy(g => g.Key).Take(64).ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count()),
        }, EstimateUnits(p));
    }

    private const double LogitQuantum = 64;

    private static float TensorMax(ReadOnlySpan<float> row)
    {
        var max = float.NegativeInfinity;
        foreach (var v in row) max = Math.Max(max, v);
        return max;
    }
}
