using Depin.Cli.Api;
using Depin.Cli.Settings;

namespace Depin.Cli.Tests;

public sealed class CliSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("depin-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => name == "HOME" ? _dir : vars.FirstOrDefault(v => v.Name == name).Value;

    private string ConfigFile(string json)
    {
        var path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_flag_wins_over_the_environment_which_wins_over_the_file()
    {
        var file = ConfigFile("""{"gatewayUrl":"http://file:1","apiKey":"file-key"}""");
        var env = Env(("DEPIN_CONFIG", file), ("DEPIN_GATEWAY_URL", "http://env:2"), ("DEPIN_API_KEY", "env-key"));

        Assert.Equal(new CliSettings(new Uri("http://flag:3"), "flag-key"), CliSettings.Resolve("http://flag:3", "flag-key", null, env));
        Assert.Equal(new CliSettings(new Uri("http://env:2"), "env-key"), CliSettings.Resolve(null, null, null, env));
        Assert.Equal(new CliSettings(new Uri("http://file:1"), "file-key"), CliSettings.Resolve(null, null, null, Env(("DEPIN_CONFIG", file))));
    }

    [Fact]
    public void The_default_config_file_lives_under_the_users_config_folder()
    {
        Directory.CreateDirectory(Path.Combine(_dir, ".config", "depin"));
        File.WriteAllText(Path.Combine(_dir, ".config", "depin", "config.json"), """{"apiKey":"home-key"}""");

        var settings = CliSettings.Resolve(null, null, null, Env());

        Assert.Equal("home-key", settings.ApiKey);
        Assert.Equal(new Uri(CliSettings.DefaultGateway), settings.Gateway);
    }

    [Fact]
    public void No_key_anywhere_says_where_one_may_come_from()
    {
        var ex = Assert.Throws<UsageException>(() => CliSettings.Resolve(null, null, null, Env()));
        Assert.Contains("--api-key", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DEPIN_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://gateway")]
    [InlineData("not a url")]
    public void A_gateway_that_is_not_an_http_url_is_refused(string url) =>
        Assert.Contains(url, Assert.Throws<UsageException>(() => CliSettings.Resolve(url, "k", null, Env())).Message, StringComparison.Ordinal);

    [Fact]
    public void A_named_config_file_must_exist_and_be_json()
    {
        Assert.Contains("does not exist", Assert.Throws<UsageException>(() => CliSettings.Resolve(null, "k", Path.Combine(_dir, "none.json"), Env())).Message,
            StringComparison.Ordinal);
        Assert.Contains("not valid JSON", Assert.Throws<UsageException>(() => CliSettings.Resolve(null, "k", ConfigFile("{nope"), Env())).Message,
            StringComparison.Ordinal);
    }
}
