using System.Text.Json;
using Depin.Cli.Api;

namespace Depin.Cli.Settings;

/// <summary>
/// Where the gateway is and which API key to use: a flag wins over the environment (DEPIN_GATEWAY_URL,
/// DEPIN_API_KEY), which wins over the config file (--config, else DEPIN_CONFIG, else
/// $XDG_CONFIG_HOME/depin/config.json or ~/.config/depin/config.json: {"gatewayUrl": "...", "apiKey": "..."}).
/// </summary>
public sealed record CliSettings(Uri Gateway, string ApiKey)
{
    public const string DefaultGateway = "http://127.0.0.1:8080";

    private sealed record ConfigFile(string? GatewayUrl, string? ApiKey);

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web);

    public static CliSettings Resolve(string? gatewayFlag, string? keyFlag, string? configFlag, Func<string, string?> environment)
    {
        var path = configFlag ?? environment("DEPIN_CONFIG") ?? DefaultConfigPath(environment);
        var file = Read(path, required: configFlag is not null);
        var gatewayText = gatewayFlag ?? environment("DEPIN_GATEWAY_URL") ?? file?.GatewayUrl ?? DefaultGateway;
        if (!Uri.TryCreate(gatewayText, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("http" or "https"))
            throw new UsageException($"the gateway URL must be an absolute http(s) URL (got '{gatewayText}')");
        var key = keyFlag ?? environment("DEPIN_API_KEY") ?? file?.ApiKey;
        if (string.IsNullOrWhiteSpace(key))
            throw new UsageException($"no API key: pass --api-key, set DEPIN_API_KEY, or put \"apiKey\" in {path}");
        return new CliSettings(gateway, key.Trim());
    }

    private static string DefaultConfigPath(Func<string, string?> environment)
    {
        var home = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(home, "depin", "config.json");
    }

    private static ConfigFile? Read(string path, bool required)
    {
        if (!File.Exists(path))
            return required ? throw new UsageException($"the config file {path} does not exist") : null;
        try { return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), FileJson); }
        catch (JsonException ex) { throw new UsageException($"the config file {path} is not valid JSON: {ex.Message}"); }
    }
}
