using Depin.Cli.Api;
using Depin.Cli.Settings;

namespace Depin.Cli.Tests;

public sealed class JobParametersTests
{
    [Fact]
    public void Pairs_become_integer_parameters() =>
        Assert.Equal(new Dictionary<string, long> { ["n"] = 512, ["seed"] = -7 }, JobParameters.Parse(["n=512", " seed = -7 "]));

    [Theory]
    [InlineData("n", "name=integer")]
    [InlineData("=5", "name=integer")]
    [InlineData("n=", "name=integer")]
    [InlineData("n=1.5", "must be an integer")]
    [InlineData("n=big", "must be an integer")]
    public void A_malformed_pair_is_a_usage_error_that_names_it(string pair, string expected) =>
        Assert.Contains(expected, Assert.Throws<UsageException>(() => JobParameters.Parse([pair])).Message, StringComparison.Ordinal);

    [Fact]
    public void A_parameter_given_twice_is_refused() =>
        Assert.Contains("twice", Assert.Throws<UsageException>(() => JobParameters.Parse(["n=1", "n=2"])).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(400, ExitCodes.Rejected)]
    [InlineData(409, ExitCodes.Rejected)]
    [InlineData(401, ExitCodes.Unauthorized)]
    [InlineData(403, ExitCodes.Unauthorized)]
    [InlineData(404, ExitCodes.NotFound)]
    [InlineData(429, ExitCodes.Unavailable)]
    [InlineData(503, ExitCodes.Unavailable)]
    public void Each_http_status_has_its_exit_code(int status, int exit) => Assert.Equal(exit, ExitCodes.ForStatus(status));
}
