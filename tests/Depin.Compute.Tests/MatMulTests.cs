using System.Text.Json;
using Depin.Compute.Backends;
using Depin.Compute.Kernels;
using Depin.Compute.Kernels.MatMul;

namespace Depin.Compute.Tests;

public class MatMulTests
{
    private static KernelValidation Valid(string json)
    {
        var v = KernelCatalog.Validate("matmul", JsonDocument.Parse(json).RootElement);
        Assert.True(v.IsValid, string.Join("; ", v.Errors));
        return v;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 13, 5)]
    [InlineData(17, 31, 257)]
    [InlineData(64, 64, 64)]
    [InlineData(97, 101, 103)]
    [InlineData(300, 17, 513)]
    public void Fast_path_equals_the_reference_exactly_on_awkward_sizes(int m, int n, int k)
    {
        var v = Valid($$"""{"m":{{m}},"n":{{n}},"k":{{k}},"seed":42}""");
        var kernel = v.Kernel!;
        var fast = kernel.Run(v.Parameters!, CpuBackend.Shared, null, CancellationToken.None);
        var reference = kernel.RunReference(v.Parameters!, CancellationToken.None);
        Assert.Equal(reference.Hash, fast.Hash);
        Assert.Equal(reference.SummaryJson, fast.SummaryJson);
    }

    [Fact]
    public void Fast_path_product_matches_elementwise_reference()
    {
        var v = Valid("""{"m":50,"n":37,"k":70,"seed":3}""");
        var (m, n, k, a, b) = MatMulKernel.Inputs(v.Parameters!);
        var expected = new float[m * n];
        MatMulReference.Multiply(a, b, expected, m, n, k, CancellationToken.None);
        var actual = new float[m * n];
        CpuBackend.Shared.Sgemm(a, b, actual, m, n, k, null, CancellationToken.None);
        Assert.Equal(expected, actual);
        Assert.Contains(actual, x => x != 0);
    }

    [Fact]
    public void Hash_is_stable_across_thread_counts_and_runs()
    {
        var v = Valid("""{"n":129,"seed":9}""");
        var one = v.Kernel!.Run(v.Parameters!, new CpuBackend(1), null, CancellationToken.None).Hash;
        var many = v.Kernel!.Run(v.Parameters!, new CpuBackend(4), null, CancellationToken.None).Hash;
        var again = v.Kernel!.Run(v.Parameters!, new CpuBackend(4), null, CancellationToken.None).Hash;
        Assert.Equal(one, many);
        Assert.Equal(many, again);
        Assert.Matches("^[0-9a-f]{64}$", one);
    }

    [Fact]
    public void Different_seeds_give_different_hashes()
    {
        var a = Valid("""{"n":16,"seed":1}""");
        var b = Valid("""{"n":16,"seed":2}""");
        Assert.NotEqual(a.Kernel!.Run(a.Parameters!, CpuBackend.Shared, null, default).Hash,
                        b.Kernel!.Run(b.Parameters!, CpuBackend.Shared, null, default).Hash);
    }

    [Fact]
    public void Cost_model_counts_two_flops_per_multiply_add_in_megaflops()
    {
        Assert.Equal(2L * 512 * 512 * 512 / 1_000_000 + 1, Valid("""{"n":512}""").EstimatedUnits);
        Assert.Equal(1, Valid("""{"n":1}""").EstimatedUnits);
        Assert.Equal(6, Valid("""{"m":100,"n":100,"k":300}""").EstimatedUnits);
    }

    [Fact]
    public void Cancellation_stops_a_long_multiply()
    {
        var v = Valid("""{"n":2048}""");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => v.Kernel!.Run(v.Parameters!, CpuBackend.Shared, null, cts.Token));
    }
}
