using System.Net.Http.Json;
using System.Text.Json;
using Depin.Compute.Backends;
using Depin.Compute.Kernels;

namespace Depin.IntegrationTests;

/// <summary>Every kernel of the library through the whole system: gateway, scheduler, billing, a real executor.</summary>
public class EveryKernelTests
{
    public static TheoryData<string, string> Jobs => new()
    {
        { "matmul", """{"m":70,"n":33,"k":129,"seed":2}""" },
        { "montecarlo-option", """{"spotCents":10000,"strikeCents":9500,"volatilityBps":2500,"rateBps":200,"maturityDays":90,"paths":1000000,"seed":4}""" },
        { "stencil-heat", """{"width":130,"height":70,"steps":40,"seed":3}""" },
        { "nbody", """{"bodies":300,"steps":10,"seed":5}""" },
        { "conv2d", """{"width":321,"height":123,"kernelSize":5,"seed":6}""" },
        { "smith-waterman", """{"lengthA":2000,"lengthB":1500,"seed":7}""" },
        { "sha256-pow", """{"difficulty":16,"seed":8}""" },
        { "mlp-inference", """{"batch":64,"inputs":100,"hidden":64,"layers":2,"outputs":10,"seed":9}""" },
    };

    [Fact]
    public void Every_kernel_of_the_catalog_is_covered() =>
        Assert.Equal(KernelCatalog.Names.Order(StringComparer.Ordinal), Jobs.Select(j => (string)j[0]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Jobs))]
    public async Task Job_completes_with_the_expected_hash_and_is_billed_by_the_cost_model(string kernel, string parameters)
    {
        var (_, key) = await Network.CreateAccountAsync("client", deposit: 100_000_000);
        using var client = Network.Client(key);
        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel, parameters = JsonDocument.Parse(parameters).RootElement, maxPricePerUnit = 50, deadlineSeconds = 120 }));
        var job = await Network.WaitForJobAsync(client, submitted.GetProperty("jobId").GetGuid(), TimeSpan.FromSeconds(120));
        Assert.True("completed" == job.GetProperty("status").GetString(), job.ToString());

        var v = KernelCatalog.Validate(kernel, JsonDocument.Parse(parameters).RootElement);
        var expected = v.Kernel!.Run(v.Parameters!, CpuBackend.Shared, null, CancellationToken.None);
        Assert.Equal(expected.Hash, job.GetProperty("resultHash").GetString());
        Assert.Equal(v.EstimatedUnits * 50, submitted.GetProperty("maxCost").GetInt64());
        var units = Math.Min(expected.Units, v.EstimatedUnits);
        Assert.Equal(units, job.GetProperty("units").GetInt64());
        Assert.Equal(units * Network.ExecutorPrice, job.GetProperty("charged").GetInt64());
        var me = await Network.Json(await client.GetAsync("/api/accounts/me"));
        Assert.Equal(100_000_000 - units * Network.ExecutorPrice, me.GetProperty("available").GetInt64());
    }
}
