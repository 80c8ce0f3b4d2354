using System.Text.Json;
using Depin.Compute.Backends;
using Depin.Compute.Kernels;
using Depin.Compute.Kernels.MatMul;

namespace Depin.Benchmarks;

/// <summary>One kernel at one size: fast path and scalar reference measured in the same run, as a ratio.</summary>
public sealed record ComputeBenchmark(string Kernel, string ParametersJson, string Unit, double WorkPerRun, string ReferenceParametersJson, double ReferenceWorkPerRun)
{
    public void Run(double openBlasGflops)
    {
        var kernel = KernelCatalog.Validate(Kernel, JsonDocument.Parse(ParametersJson).RootElement);
        var reference = KernelCatalog.Validate(Kernel, JsonDocument.Parse(ReferenceParametersJson).RootElement);
        if (!kernel.IsValid || !reference.IsValid) throw new InvalidOperationException(string.Join("; ", kernel.Errors.Concat(reference.Errors)));
        var fast = WorkPerRun / Measure.BestSeconds(() => kernel.Kernel!.Run(kernel.Parameters!, CpuBackend.Shared, null, CancellationToken.None), 5, 3);
        var scalar = ReferenceWorkPerRun / Measure.BestSeconds(() => reference.Kernel!.RunReference(reference.Parameters!, CancellationToken.None), 3);
        Measure.Report("compute", $"{Kernel}-fast-vs-scalar", fast, Unit, "scalar-reference", scalar);
        if (Kernel == "matmul" && openBlasGflops > 0)
            Measure.Report("compute", "matmul-n2048-vs-openblas", MatMulGflops(2048), "GFLOP/s", "openblas", openBlasGflops);
    }

    /// <summary>The GEMM alone (no input generation or hashing), as OpenBLAS is measured.</summary>
    private static double MatMulGflops(int n)
    {
        var a = new float[n * n];
        var b = new float[n * n];
        var c = new float[n * n];
        Depin.Compute.Hashing.SeededInputs.FillSmallIntegers(a, 1, 1, 4);
        Depin.Compute.Hashing.SeededInputs.FillSmallIntegers(b, 1, 2, 4);
        var seconds = Measure.BestSeconds(() => CpuBackend.Shared.Sgemm(a, b, c, n, n, n, null, CancellationToken.None), 5, 3);
        return 2.0 * n * n * n / seconds / 1e9;
    }

    public static readonly IReadOnlyList<ComputeBenchmark> All =
    [
        new("matmul", """{"n":1024}""", "GFLOP/s", 2.0 * 1024 * 1024 * 1024 / 1e9, """{"n":512}""", 2.0 * 512 * 512 * 512 / 1e9),
    ];
}
