using Depin.Cli.Api;
namespace Depin.Cli.Commands.History;

/// <summary>The network's event logs: one per service that keeps history, each with its own positions and chain.</summary>
public static class EventLogs
{
    public static readonly IReadOnlyList<string> All = ["gateway", "scheduler", "registry", "billing"];

    /// <summary>--log, any number of times: the logs a command works on.</summary>
    public static System.CommandLine.Option<string[]> Option() =>
        new("--log") { Description = $"only these logs ({string.Join(", ", All)}); all when omitted", AllowMultipleArgumentsPerToken = true };

    /// <summary>The logs a command asked for with --log (any number), or all of them; an unknown name is a usage error.</summary>
    public static IReadOnlyList<string> Chosen(string[]? given)
    {
        if (given is not { Length: > 0 }) return All;
        var unknown = given.Where(g => !All.Contains(g)).ToList();
        return unknown.Count == 0
            ? given.Distinct().ToList()
            : throw new UsageException($"no log named {string.Join(", ", unknown)}; the logs are {string.Join(", ", All)}");
    }
}
