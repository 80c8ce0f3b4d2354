using System.Text.Json;
using Depin.Compute.Kernels;

namespace Depin.Compute.Tests;

public class KernelValidationTests
{
    private static KernelValidation Check(string kernel, string json) => KernelCatalog.Validate(kernel, JsonDocument.Parse(json).RootElement);

    [Theory]
    [InlineData("""{"n":0}""", "'n' must be between 1 and 4096 (got 0)")]
    [InlineData("""{"n":-5}""", "'n' must be between 1 and 4096 (got -5)")]
    [InlineData("""{"n":100000}""", "'n' must be between 1 and 4096 (got 100000)")]
    [InlineData("""{"n":1.5}""", "parameter 'n' must be an integer")]
    [InlineData("""{"n":"12"}""", "parameter 'n' must be an integer")]
    [InlineData("""{"m":12}""", "parameter 'n' is required")]
    [InlineData("""{"n":12,"size":3}""", "unknown parameter 'size'")]
    [InlineData("""{"n":12,"seed":-1}""", "'seed' must be between 0 and")]
    [InlineData("""[1,2]""", "parameters must be a JSON object")]
    public void Bad_parameters_are_rejected_with_a_message_naming_the_parameter(string json, string expected)
    {
        var v = Check("matmul", json);
        Assert.False(v.IsValid);
        Assert.Contains(v.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_kernel_is_rejected_and_the_known_ones_listed()
    {
        var v = Check("bitcoin-miner", "{}");
        Assert.False(v.IsValid);
        Assert.Contains("unknown kernel 'bitcoin-miner'", v.Errors[0], StringComparison.Ordinal);
        Assert.Contains("matmul", v.Errors[0], StringComparison.Ordinal);
    }
}
