using System.CommandLine;
using System.Text.Json;
using Depin.Cli.Output;

namespace Depin.Cli.Commands.History;

/// <summary>depin verify: recompute every log's hash chain on the server; exit 1 and name the first broken link if one fails.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var logs = EventLogs.Option();
        var command = new Command("verify", "check that no stored event was edited, deleted or inserted (exit 1 if one was)") { logs };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var reports = new List<JsonElement>();
            foreach (var log in EventLogs.Chosen(p.GetValue(logs))) reports.Add(await client.GetAsync($"/api/events/{log}/verify", ct));
            if (printer.Json) printer.Document(JsonSerializer.SerializeToElement(reports));
            else printer.Table(["log", "verified", "head", "head hash", "not yet chained", "status"], reports.Select(r => new[]
            {
                Printer.Text(r, "log"), Printer.Text(r, "verified"), Printer.Text(r, "headPosition"), Printer.Text(r, "headHash"), Printer.Text(r, "unchained"), Status(r),
            }));
            return reports.All(r => r.GetProperty("intact").GetBoolean()) ? ExitCodes.Ok : ExitCodes.Unsuccessful;
        }));
        return command;
    }

    private static string Status(JsonElement report) =>
        report.GetProperty("broken") is { ValueKind: JsonValueKind.Object } broken
            ? $"BROKEN at position {Printer.Text(broken, "position")} ({Printer.Text(broken, "type")} {Printer.Text(broken, "stream")} v{Printer.Text(broken, "version")}): {Printer.Text(broken, "problem")}"
            : "intact";
}
