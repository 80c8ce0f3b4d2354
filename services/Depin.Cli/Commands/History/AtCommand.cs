using Depin.Cli.Api;
using System.CommandLine;
using System.Globalization;
using Depin.Cli.Output;

namespace Depin.Cli.Commands.History;

/// <summary>depin at &lt;stream&gt; --time T | --version N: a job, node or account as it was then (time travel).</summary>
public static class AtCommand
{
    private static readonly (string Prefix, string Path)[] Streams =
        [("job-", "/api/jobs/"), ("node-", "/api/nodes/"), ("account-", "/api/accounts/"), ("api-account-", "/api/accounts/")];

    public static Command Create()
    {
        var stream = new Argument<string>("stream") { Description = "job-<id>, node-<id> or account-<id> (as in depin events)" };
        var time = new Option<string?>("--time") { Description = "as it was at this time (ISO 8601; UTC unless it has an offset)" };
        var version = new Option<long?>("--version") { Description = "as it was after its N-th event (an account: after its N-th movement)" };
        var command = new Command("at", "a job, node or account as it was at a time or version") { stream, time, version };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var path = PathOf(p.GetValue(stream)!);
            var query = (p.GetValue(time), p.GetValue(version)) switch
            {
                ({ } t, null) => "at=" + Uri.EscapeDataString(t),
                (null, { } v) => "version=" + v.ToString(CultureInfo.InvariantCulture),
                _ => throw new UsageException("give exactly one of --time and --version"),
            };
            var then = await client.GetAsync($"{path}?{query}", ct);
            if (printer.Json) printer.Document(then);
            else printer.AllFields(then);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static string PathOf(string stream)
    {
        foreach (var (prefix, path) in Streams)
            if (stream.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(stream[prefix.Length..], out var id)) return path + id;
        throw new UsageException($"'{stream}' is not a stream depin can travel in: give job-<id>, node-<id> or account-<id>");
    }
}
