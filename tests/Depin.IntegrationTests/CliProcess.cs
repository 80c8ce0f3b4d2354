using System.Diagnostics;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>The real `depin` binary (the build test.sh made, DEPIN_CLI_DLL) run as a user runs it.</summary>
public static class CliProcess
{
    public sealed record Run(int ExitCode, string Out, string Err)
    {
        public JsonElement Json => JsonDocument.Parse(Out).RootElement;

        /// <summary>Each non-empty line of stdout as JSON (NDJSON output).</summary>
        public IReadOnlyList<JsonElement> Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    /// <summary>Runs depin with the key in DEPIN_API_KEY and a home of its own (no config file of the machine's).</summary>
    public static async Task<Run> DepinAsync(string? apiKey, params string[] args)
    {
        var home = Directory.CreateTempSubdirectory("depin-cli-home-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Environment.GetEnvironmentVariable("DEPIN_CLI_DLL")!, .. args])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
                Environment = { ["DEPIN_GATEWAY_URL"] = Network.Gateway.ToString(), ["HOME"] = home, ["XDG_CONFIG_HOME"] = null, ["DEPIN_CONFIG"] = null },
            };
            start.Environment["DEPIN_API_KEY"] = apiKey;
            using var process = Process.Start(start)!;
            var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return new Run(process.ExitCode, await stdout, await stderr);
        }
        finally { Directory.Delete(home, recursive: true); }
    }
}
