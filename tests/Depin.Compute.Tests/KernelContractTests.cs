using System.Text.Json;
using Depin.Compute.Backends;
using Depin.Compute.Kernels;
using Depin.Compute.Kernels.SmithWaterman;

namespace Depin.Compute.Tests;

/// <summary>What every kernel promises: fast = reference, a stable hash, and bounds that name the parameter.</summary>
public class KernelContractTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "matmul", """{"m":13,"n":9,"k":31,"seed":4}""" },
        { "montecarlo-option", """{"spotCents":10000,"strikeCents":10500,"volatilityBps":2000,"rateBps":300,"maturityDays":365,"paths":200002,"seed":3}""" },
        { "montecarlo-option", """{"spotCents":5000,"strikeCents":4000,"volatilityBps":3500,"maturityDays":30,"paths":14,"seed":9}""" },
        // Deep in the money with one pair of paths: the low-tail quantile usually lies beyond the bins the fast path stores.
        { "montecarlo-option", """{"spotCents":10000,"strikeCents":1000,"volatilityBps":2000,"maturityDays":365,"paths":2,"seed":1}""" },
        { "montecarlo-option", """{"spotCents":10000,"strikeCents":1000,"volatilityBps":2000,"maturityDays":365,"paths":2,"seed":2}""" },
        { "stencil-heat", """{"width":3,"height":3,"steps":4}""" },
        { "stencil-heat", """{"width":37,"height":29,"steps":25,"seed":2}""" },
        { "stencil-heat", """{"width":130,"height":67,"steps":50,"seed":5}""" },
        { "nbody", """{"bodies":2,"steps":3}""" },
        { "nbody", """{"bodies":61,"steps":20,"seed":7}""" },
        { "conv2d", """{"width":1,"height":1,"kernelSize":3}""" },
        { "conv2d", """{"width":31,"height":17,"kernelSize":5,"seed":6}""" },
        { "conv2d", """{"width":97,"height":13,"kernelSize":15,"seed":8}""" },
        { "smith-waterman", """{"lengthA":1,"lengthB":1}""" },
        { "smith-waterman", """{"lengthA":37,"lengthB":101,"seed":3}""" },
        { "smith-waterman", """{"lengthA":5000,"lengthB":4200,"match":3,"mismatch":2,"gap":1,"seed":2}""" },
        { "sha256-pow", """{"difficulty":1}""" },
        { "sha256-pow", """{"difficulty":14,"seed":5}""" },
        { "mlp-inference", """{"batch":1,"inputs":1,"hidden":1,"outputs":1}""" },
        { "mlp-inference", """{"batch":33,"inputs":17,"hidden":29,"layers":3,"outputs":10,"seed":4}""" },
    };

    internal static KernelValidation Valid(string kernel, string json)
    {
        var v = KernelCatalog.Validate(kernel, JsonDocument.Parse(json).RootElement);
        Assert.True(v.IsValid, string.Join("; ", v.Errors));
        return v;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fast_path_equals_the_scalar_reference(string kernel, string json)
    {
        var v = Valid(kernel, json);
        var fast = v.Kernel!.Run(v.Parameters!, CpuBackend.Shared, null, CancellationToken.None);
        var reference = v.Kernel.RunReference(v.Parameters!, CancellationToken.None);
        Assert.Equal(reference.Units, fast.Units);
        Assert.Null(SummaryComparison.FirstDifference(v.Kernel, reference, fast));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hash_is_stable_across_runs_and_thread_counts(string kernel, string json)
    {
        var v = Valid(kernel, json);
        var one = v.Kernel!.Run(v.Parameters!, new CpuBackend(1), null, CancellationToken.None);
        var three = v.Kernel.Run(v.Parameters!, new CpuBackend(3), null, CancellationToken.None);
        var again = v.Kernel.Run(v.Parameters!, new CpuBackend(3), null, CancellationToken.None);
        Assert.Equal(one.Hash, three.Hash);
        Assert.Equal(three.Hash, again.Hash);
        Assert.Equal(one.SummaryJson, three.SummaryJson);
        Assert.Matches("^[0-9a-f]{64}$", one.Hash);
    }

    public static TheoryData<string> Kernels => [.. KernelCatalog.Names];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Every_parameter_out_of_bounds_or_not_an_integer_is_rejected_by_name(string kernel)
    {
        Assert.True(KernelCatalog.TryGet(kernel, out var k));
        var valid = Cases.Select(c => ((string)c[0], (string)c[1])).First(c => c.Item1 == kernel).Item2;
        foreach (var spec in k.Schema.Specs)
        {
            foreach (var bad in new object[] { spec.Min - 1, spec.Max + 1L == long.MinValue ? "x" : (object)(spec.Max == long.MaxValue ? 1.5 : spec.Max + 1), "12", 2.5 })
            {
                var parameters = JsonSerializer.Deserialize<Dictionary<string, object>>(valid)!;
                parameters[spec.Name] = bad;
                var v = KernelCatalog.Validate(kernel, JsonSerializer.SerializeToElement(parameters));
                Assert.False(v.IsValid, $"{kernel}: {spec.Name} = {bad} was accepted");
                Assert.Contains(v.Errors, e => e.Contains($"'{spec.Name}'", StringComparison.Ordinal));
            }
        }
        var unknown = KernelCatalog.Validate(kernel, JsonDocument.Parse("""{"nope":1}""").RootElement);
        Assert.Contains(unknown.Errors, e => e.Contains("unknown parameter 'nope'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("conv2d", """{"width":8,"height":8,"kernelSize":4}""", "parameter 'kernelSize' must be odd")]
    [InlineData("conv2d", """{"width":8192,"height":8192}""", "'width' × 'height' must be at most")]
    [InlineData("montecarlo-option", """{"spotCents":1,"strikeCents":1,"volatilityBps":1,"maturityDays":1,"paths":3}""", "parameter 'paths' must be even")]
    public void Cross_parameter_rules_are_enforced(string kernel, string json, string expected) =>
        Assert.Contains(KernelCatalog.Validate(kernel, JsonDocument.Parse(json).RootElement).Errors, e => e.Contains(expected, StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Cancellation_is_honoured(string kernel)
    {
        var v = Valid(kernel, Cases.Select(c => ((string)c[0], (string)c[1])).Last(c => c.Item1 == kernel).Item2);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => v.Kernel!.Run(v.Parameters!, CpuBackend.Shared, null, cts.Token));
    }

    [Fact]
    public void Known_answers_from_first_principles()
    {
        // Black–Scholes: S=100, K=105, σ=20%, r=3%, T=1 → call ≈ 7.1293.
        var mc = Valid("montecarlo-option", """{"spotCents":10000,"strikeCents":10500,"volatilityBps":2000,"rateBps":300,"maturityDays":365,"paths":2000000,"seed":1}""");
        var price = JsonDocument.Parse(mc.Kernel!.Run(mc.Parameters!, CpuBackend.Shared, null, default).SummaryJson).RootElement;
        Assert.InRange(price.GetProperty("price").GetDouble(), 7.1293 - 4 * price.GetProperty("standardError").GetDouble(), 7.1293 + 4 * price.GetProperty("standardError").GetDouble());

        // Identical sequences align end to end; a textbook pair (ACGT coded 0-3) scores as worked by hand.
        var same = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7 % 4)).ToArray();
        Assert.Equal(10_000, SmithWatermanKernel.FastScore(same, same, 2, 1, 2, 2, null, default));
        Assert.Equal(10_000, SmithWatermanKernel.ReferenceScore(same, same, 2, 1, 2, default));
        byte[] tgtt = [3, 2, 3, 3], ggtt = [2, 2, 3, 3];   // best local alignment "GTT" = 3 matches
        Assert.Equal(6, SmithWatermanKernel.FastScore(tgtt, ggtt, 2, 1, 2, 1, null, default));
        Assert.Equal(6, SmithWatermanKernel.ReferenceScore(tgtt, ggtt, 2, 1, 2, default));

        // The nonce found really has the leading zero bits, and no smaller nonce does.
        var pow = Valid("sha256-pow", """{"difficulty":12,"seed":3}""");
        var found = JsonDocument.Parse(pow.Kernel!.Run(pow.Parameters!, CpuBackend.Shared, null, default).SummaryJson).RootElement;
        Assert.StartsWith("000", found.GetProperty("digest").GetString());
        Assert.Equal(found.GetProperty("nonce").GetInt64() + 1, found.GetProperty("hashesNeeded").GetInt64());
    }
}
