using System.CommandLine;
using Depin.Cli.Api;
using Depin.Cli.Commands;
using Depin.Cli.Commands.History;
using Depin.Cli.Output;
using Depin.Cli.Settings;

namespace Depin.Cli;

/// <summary>The `depin` command line: global options, the command tree, and one place that turns failures into exit codes.</summary>
public static class CliApp
{
    public static readonly Option<string?> Gateway = new("--gateway") { Description = "gateway URL (else DEPIN_GATEWAY_URL, the config file, or " + CliSettings.DefaultGateway + ")", Recursive = true };
    public static readonly Option<string?> ApiKey = new("--api-key") { Description = "API key (else DEPIN_API_KEY or the config file)", Recursive = true };
    public static readonly Option<string?> Config = new("--config") { Description = "config file (else DEPIN_CONFIG or ~/.config/depin/config.json)", Recursive = true };
    public static readonly Option<bool> Json = new("--json") { Description = "print the API's JSON instead of tables", Recursive = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("depin: run computation on the Depin.Micro network, provide nodes, operate and audit it")
        {
            Options = { Gateway, ApiKey, Config, Json },
            Subcommands = { JobsCommands.Create(), KernelsCommand.Create(), NodesCommands.Create(), StakesCommands.Create(), EarningsCommand.Create(), AccountsCommands.Create(), AnomaliesCommand.Create(),
                EventsCommand.Create(), AtCommand.Create(), VerifyCommand.Create(), ReplayCommand.Create(), AnalyticsCommand.Create() },
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Printer.Error(error.Message);
            Console.Error.WriteLine("run 'depin --help' for usage");
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync();
    }

    /// <summary>A command's action with the gateway client and printer it needs; every failure becomes a message on stderr and an exit code.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Action(Func<ParseResult, GatewayClient, Printer, CancellationToken, Task<int>> run) =>
        async (parsed, ct) =>
        {
            try
            {
                var settings = CliSettings.Resolve(parsed.GetValue(Gateway), parsed.GetValue(ApiKey), parsed.GetValue(Config), Environment.GetEnvironmentVariable);
                using var client = new GatewayClient(settings.Gateway, settings.ApiKey);
                return await run(parsed, client, new Printer(parsed.GetValue(Json)), ct);
            }
            catch (UsageException ex) { Printer.Error(ex.Message); return ExitCodes.Usage; }
            catch (ApiException ex) { Printer.Error($"{ex.Status} {ex.Message}"); return ExitCodes.ForStatus(ex.Status); }
            catch (GatewayUnreachableException ex) { Printer.Error(ex.Message); return ExitCodes.Unavailable; }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { Printer.Error("interrupted"); return ExitCodes.Unsuccessful; }
        };
}
