using System.Text.Json;
using Depin.Compute.Backends;
using Depin.Compute.Kernels;

namespace Depin.Benchmarks;

/// <summary>One kernel at one size: fast path and scalar reference on the same parameters, measured in the same run.</summary>
/// <param name="Work">the work one run did (flops, paths, cells…), from the parameters or the result; reported in millions per second</param>
public sealed record ComputeBenchmark(string Kernel, string ParametersJson, string Unit, Func<KernelResult, double> Work)
{
    public void Run(double openBlasGflops)
    {
        var kernel = KernelCatalog.Validate(Kernel, JsonDocument.Parse(ParametersJson).RootElement);
        if (!kernel.IsValid) throw new InvalidOperationException(string.Join("; ", kernel.Errors));
        KernelResult? fastResult = null, referenceResult = null;
        var fastSeconds = Measure.BestSeconds(() => fastResult = kernel.Kernel!.Run(kernel.Parameters!, CpuBackend.Shared, null, CancellationToken.None), 5, 2);
        var scalarSeconds = Measure.BestSeconds(() => referenceResult = kernel.Kernel!.RunReference(kernel.Parameters!, CancellationToken.None), 3);
        Measure.Report("compute", $"{Kernel}-fast-vs-scalar", Work(fastResult!) / fastSeconds / 1e6, Unit, "scalar-reference", Work(referenceResult!) / scalarSeconds / 1e6);
        if (Kernel == "matmul" && openBlasGflops > 0)
            Measure.Report("compute", "matmul-n2048-vs-openblas", MatMulGflops(2048), "GFLOP/s", "openblas-numpy", openBlasGflops);
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

    /// <summary>A number from a run's summary (work that depends on the result, such as the hashes sha256-pow needed).</summary>
    internal static double Summary(KernelResult r, string field) => JsonDocument.Parse(r.SummaryJson).RootElement.GetProperty(field).GetDouble();

    // Units are per second, in millions: Mpaths/s, Mcell-updates/s, Minteractions/s, MMAC/s, Mcells/s, Mhashes/s, MFLOP/s.
    public static readonly IReadOnlyList<ComputeBenchmark> All =
    [
        new("matmul", """{"n":1024}""", "MFLOP/s", r => 2.0 * Math.Pow(Summary(r, "n"), 3)),
        new("montecarlo-option", """{"spotCents":10000,"strikeCents":10500,"volatilityBps":2000,"rateBps":300,"maturityDays":365,"paths":8000000}""",
            "Mpaths/s", _ => 8_000_000),
        new("stencil-heat", """{"width":1024,"height":1024,"steps":100}""", "Mcell-updates/s", _ => 1022.0 * 1022 * 100),
        new("nbody", """{"bodies":4096,"steps":2}""", "Minteractions/s", _ => 4096.0 * 4096 * 2),
        new("conv2d", """{"width":2048,"height":2048,"kernelSize":7}""", "MMAC/s", _ => 2048.0 * 2048 * 49),
        new("smith-waterman", """{"lengthA":10000,"lengthB":10000}""", "Mcells/s", _ => 1e8),
        new("sha256-pow", """{"difficulty":22,"seed":2}""", "Mhashes/s", r => Summary(r, "hashesNeeded")),
        new("mlp-inference", """{"batch":256,"inputs":1024,"hidden":1024,"layers":2,"outputs":10}""", "MFLOP/s",
            _ => 2.0 * 256 * (1024 * 1024 * 2 + 1024 * 10)),
    ];
}
