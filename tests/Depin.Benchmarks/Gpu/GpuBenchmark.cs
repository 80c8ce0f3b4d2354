using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Depin.Compute.Backends;
using Depin.Compute.Backends.Gpu;
using Depin.Compute.Hashing;
using Depin.Compute.Kernels;

namespace Depin.Benchmarks.Gpu;

/// <summary>
/// Every kernel's ILGPU path on the first CUDA GPU against the CPU SIMD path on the same parameters (whole jobs:
/// inputs, device work, transfers and hashing), the share of each job spent copying between host and device, and
/// the device GEMM alone against cuBLAS SGEMM measured by bench.sh in the same run. <c>--check</c> first runs every
/// kernel on the GPU at awkward sizes against the scalar reference. Without a usable GPU it says why and exits 0.
/// </summary>
public static class GpuBenchmark
{
    /// <summary>The CPU benchmark's case (kernel, parameters, unit, work), at sizes for a GPU.</summary>
    private static readonly ComputeBenchmark[] Cases =
    [
        new("matmul", """{"n":4096}""", "MFLOP/s", _ => 2.0 * 4096 * 4096 * 4096),
        new("montecarlo-option", """{"spotCents":10000,"strikeCents":10500,"volatilityBps":2000,"rateBps":300,"maturityDays":365,"paths":400000000}""", "Mpaths/s", _ => 4e8),
        new("stencil-heat", """{"width":4096,"height":4096,"steps":500}""", "Mcell-updates/s", _ => 4094.0 * 4094 * 500),
        new("nbody", """{"bodies":32768,"steps":10}""", "Minteractions/s", _ => 32768.0 * 32768 * 10),
        new("conv2d", """{"width":4096,"height":4096,"kernelSize":15}""", "MMAC/s", _ => 4096.0 * 4096 * 225),
        new("smith-waterman", """{"lengthA":30000,"lengthB":30000}""", "Mcells/s", _ => 9e8),
        new("sha256-pow", """{"difficulty":26,"seed":2}""", "Mhashes/s", r => ComputeBenchmark.Summary(r, "hashesNeeded")),
        new("mlp-inference", """{"batch":4096,"inputs":1024,"hidden":2048,"layers":3,"outputs":1000}""", "MFLOP/s",
            _ => 2.0 * 4096 * (1024.0 * 2048 + 2 * 2048.0 * 2048 + 2048.0 * 1000)),
    ];

    /// <summary>Awkward sizes (1, primes, sizes that do not divide the device tiles), checked on the GPU itself.</summary>
    private static readonly (string Kernel, string Json)[] Checks =
    [
        ("matmul", """{"n":1}"""), ("matmul", """{"m":131,"n":257,"k":17,"seed":2}"""), ("matmul", """{"m":1000,"n":999,"k":1001,"seed":3}"""),
        ("montecarlo-option", """{"spotCents":5000,"strikeCents":4000,"volatilityBps":3500,"maturityDays":30,"paths":14,"seed":9}"""),
        ("montecarlo-option", """{"spotCents":10000,"strikeCents":10500,"volatilityBps":2000,"rateBps":300,"maturityDays":365,"paths":20000002,"seed":3}"""),
        ("stencil-heat", """{"width":3,"height":3,"steps":4}"""), ("stencil-heat", """{"width":1031,"height":517,"steps":300,"seed":5}"""),
        ("nbody", """{"bodies":2,"steps":3}"""), ("nbody", """{"bodies":1031,"steps":10,"seed":7}"""),
        ("conv2d", """{"width":1,"height":1,"kernelSize":3}"""), ("conv2d", """{"width":1031,"height":517,"kernelSize":15,"seed":8}"""),
        ("smith-waterman", """{"lengthA":1,"lengthB":1}"""), ("smith-waterman", """{"lengthA":3001,"lengthB":2039,"match":3,"mismatch":2,"gap":1,"seed":2}"""),
        ("sha256-pow", """{"difficulty":1}"""), ("sha256-pow", """{"difficulty":20,"seed":5}"""),
        ("mlp-inference", """{"batch":1,"inputs":1,"hidden":1,"outputs":1}"""), ("mlp-inference", """{"batch":131,"inputs":257,"hidden":129,"layers":3,"outputs":10,"seed":4}"""),
    ];

    public static int Run(string[] args)
    {
        var cublas = args.SkipWhile(a => a != "--cublas-gflops").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault();
        var only = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var gpus = DeviceInventory.Gpus();
        foreach (var g in gpus)
            Console.Error.WriteLine($"gpu: {g.Name}, {g.MemoryBytes / (1 << 20)} MiB, compute capability {g.ComputeCapability}, {g.Multiprocessors} SMs, CUDA driver {g.Driver}{(g.Unusable is null ? "" : $" — unusable: {g.Unusable}")}");
        using var device = IlgpuBackend.TryCreateCuda();
        if (device is null)
        {
            var why = DeviceInventory.DriverProblem() ?? gpus.FirstOrDefault(g => g.Unusable is not null)?.Unusable ?? "the driver reports no CUDA device";
            Console.WriteLine($"no usable CUDA GPU ({why}): nothing to measure");
            return 0;
        }
        Console.Error.WriteLine($"cpu baseline: {Environment.ProcessorCount} cores; backend {device.Name}");
        var failures = args.Contains("--check") ? Check(device) : 0;
        if (only.Count == 0 || only.Contains("matmul"))
        {
            var gflops = GemmGflops(device, 4096);
            if (cublas > 0) Measure.Report("gpu", "matmul-n4096-vs-cublas", gflops, "GFLOP/s", "cublas-sgemm", cublas);
            else Console.WriteLine(FormattableString.Invariant($"device gemm n=4096: {gflops:F0} GFLOP/s (no cuBLAS baseline in this run)"));
        }
        foreach (var c in Cases.Where(c => only.Count == 0 || only.Contains(c.Kernel)))
        {
            try
            {
                failures += Compare(device, c);
            }
            catch (Exception e)
            {
                Console.WriteLine($"FAIL {c.Kernel}: {e}");
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static int Check(IlgpuBackend device)
    {
        var failures = 0;
        foreach (var (name, json) in Checks)
        {
            var v = KernelCatalog.Validate(name, JsonDocument.Parse(json).RootElement);
            string? difference;
            try
            {
                var gpu = v.Kernel!.Run(v.Parameters!, device, null, CancellationToken.None);
                var reference = v.Kernel.RunReference(v.Parameters!, CancellationToken.None);
                difference = SummaryComparison.FirstDifference(v.Kernel, reference, gpu);
            }
            catch (Exception e)
            {
                difference = e.ToString();
            }
            Console.WriteLine($"CHECK {name} {json}: {(difference is null ? "ok" : "FAIL " + difference)}");
            if (difference is not null) failures++;
        }
        return failures;
    }

    /// <summary>The device GEMM alone, inputs already on the device, as cuBLAS is measured: median of 10 after 2 warm-ups.</summary>
    private static double GemmGflops(IlgpuBackend device, int n)
    {
        var a = new float[n * n];
        var b = new float[n * n];
        SeededInputs.FillSmallIntegers(a, 1, 1, 4);
        SeededInputs.FillSmallIntegers(b, 1, 2, 4);
        using var da = device.Upload<float>(a);
        using var db = device.Upload<float>(b);
        using var dc = device.Accelerator.Allocate1D<float>((long)n * n);
        var times = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var sw = Stopwatch.StartNew();
            DeviceGemm.Multiply(device, da.View, db.View, dc.View, n, n, n);
            device.Synchronize();
            if (i >= 2) times.Add(sw.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / Median(times) / 1e9;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static int Compare(IlgpuBackend device, ComputeBenchmark c)
    {
        var v = KernelCatalog.Validate(c.Kernel, JsonDocument.Parse(c.ParametersJson).RootElement);
        if (!v.IsValid) throw new InvalidOperationException(string.Join("; ", v.Errors));
        KernelResult? gpu = null, cpu = null;
        v.Kernel!.Run(v.Parameters!, device, null, CancellationToken.None);   // warm-up: compiles the kernel
        device.TakeTimings();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            gpu = v.Kernel.Run(v.Parameters!, device, null, CancellationToken.None);
            times.Add(sw.Elapsed.TotalSeconds);
        }
        var (transfer, kernels) = device.TakeTimings();
        var gpuSeconds = Median(times);
        var cpuSeconds = Measure.BestSeconds(() => cpu = v.Kernel.Run(v.Parameters!, CpuBackend.Shared, null, CancellationToken.None), 2);
        var difference = SummaryComparison.FirstDifference(v.Kernel, cpu!, gpu!);
        Measure.Report("gpu", $"{c.Kernel}-gpu-vs-cpu", c.Work(gpu!) / gpuSeconds / 1e6, c.Unit, "cpu-simd", c.Work(cpu!) / cpuSeconds / 1e6);
        Measure.Report("gpu", $"{c.Kernel}-transfer-share", transfer.TotalSeconds / times.Count, "s", "job-seconds", times.Sum() / times.Count);
        Console.Error.WriteLine(FormattableString.Invariant(
            $"  {c.Kernel}: job {gpuSeconds * 1e3:F1} ms on the GPU (device kernels {kernels.TotalSeconds / times.Count * 1e3:F1} ms, transfers {transfer.TotalSeconds / times.Count * 1e3:F1} ms), {cpuSeconds * 1e3:F1} ms on the CPU; {(difference is null ? v.Kernel.ReferenceTolerance == 0 ? "same hash" : "same summary within tolerance" : "DIFFERENT: " + difference)}"));
        return difference is null ? 0 : 1;
    }
}
