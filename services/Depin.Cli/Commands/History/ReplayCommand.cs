using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Depin.Cli.Api;
using Depin.Cli.Output;
using Spectre.Console;

namespace Depin.Cli.Commands.History;

/// <summary>
/// depin replay &lt;projection&gt;: rebuild an analytics projection from position 0 while the network runs, with a
/// progress bar (or progress lines when not on a terminal), then the events it replayed and the rate it reached.
/// </summary>
public static class ReplayCommand
{
    public static readonly IReadOnlyList<string> Projections = ["job-timelines", "node-reliability", "provider-days", "client-days"];
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static Command Create()
    {
        var name = new Argument<string>("projection") { Description = string.Join(", ", Projections) };
        var command = new Command("replay", "rebuild an analytics projection from the start of the history (analysts, operators)") { name };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var projection = p.GetValue(name)!;
            if (!Projections.Contains(projection)) throw new UsageException($"no projection named {projection}; the projections are {string.Join(", ", Projections)}");
            var path = $"/api/analytics/projections/{projection}";
            var status = await client.PostAsync($"{path}/rebuild", new { }, ct);
            // Poll until the rebuild ends, showing (events, target) as a bar on a terminal or a line otherwise.
            async Task FollowAsync(Action<long, long> show)
            {
                while (Rebuild(status).GetProperty("running").GetBoolean())
                {
                    await Task.Delay(Poll, ct);
                    status = await client.GetAsync(path, ct);
                    show(Rebuild(status).GetProperty("events").GetInt64(), Rebuild(status).GetProperty("target").GetInt64());
                }
            }
            if (!printer.Json && !Console.IsOutputRedirected)
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask(projection, maxValue: Math.Max(1, Rebuild(status).GetProperty("target").GetInt64()));
                        await FollowAsync((events, _) => task.Value = events);
                        task.Value = task.MaxValue;
                    });
            else await FollowAsync((events, target) => { if (!printer.Json) Console.Out.WriteLine($"{projection} at {events} of {target}"); });

            var rebuild = Rebuild(status);
            if (printer.Json) printer.Document(status);
            else printer.Table(["projection", "events", "seconds", "events/s", "result"], [[
                projection, Printer.Text(rebuild, "events"), Seconds(rebuild), Printer.Text(rebuild, "eventsPerSecond"),
                rebuild.GetProperty("error") is { ValueKind: JsonValueKind.String } error ? $"failed: {error.GetString()}" : "rebuilt",
            ]]);
            return rebuild.GetProperty("error").ValueKind == JsonValueKind.String ? ExitCodes.Unsuccessful : ExitCodes.Ok;
        }));
        return command;
    }

    private static JsonElement Rebuild(JsonElement status) => status.GetProperty("rebuild");

    private static string Seconds(JsonElement rebuild) =>
        rebuild.GetProperty("finishedAt").ValueKind == JsonValueKind.String
            ? (rebuild.GetProperty("finishedAt").GetDateTimeOffset() - rebuild.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)
            : "-";
}
