using System.CommandLine;
using System.Text.Json;
using Depin.Cli.Api;
using Depin.Cli.Output;

namespace Depin.Cli.Commands.History;

/// <summary>depin analytics &lt;view&gt;: the analytics projections' views as tables (or --json), with the API's window options.</summary>
public static class AnalyticsCommand
{
    private sealed record View(string Name, string Description, string[] Columns, Func<JsonElement, string[]> Row);

    private static readonly View[] Views =
    [
        new("jobs", "per kernel and hour: submitted, and ended by how", ["hour", "kernel", "submitted", "completed", "failed", "cancelled"],
            r => [Printer.Text(r, "hour"), Printer.Text(r, "kernel"), Printer.Text(r, "submitted"), Printer.Text(r, "completed"), Printer.Text(r, "failed"), Printer.Text(r, "cancelled")]),
        new("kernels", "per kernel: queue wait and run time percentiles (ms)", ["kernel", "jobs", "completed", "wait p50", "wait p95", "wait p99", "run p50", "run p95", "run p99"],
            r => [Printer.Text(r, "kernel"), Printer.Text(r, "jobs"), Printer.Text(r, "completed"), .. Percentiles(r.GetProperty("queueWaitMs")), .. Percentiles(r.GetProperty("runMs"))]),
        new("nodes", "per node: attempts, how they ended, and how its verified results agreed",
            ["node", "assigned", "completed", "timed out", "went offline", "handed back", "completion rate", "agreed", "outvoted", "agreement rate"],
            r => [Printer.Text(r, "id"), Printer.Text(r, "assigned"), Printer.Text(r, "completed"), Printer.Text(r, "timedOut"), Printer.Text(r, "wentOffline"),
                Printer.Text(r, "handedBack"), Printer.Text(r, "completionRate"), Printer.Text(r, "agreed"), Printer.Text(r, "rejected"), Printer.Text(r, "agreementRate")]),
        new("providers", "per provider and day: jobs, revenue, payout, fees (micro-credits)", ["day", "provider", "jobs", "revenue", "payout", "fees"],
            r => [Printer.Text(r, "day"), Printer.Text(r, "providerAccountId"), Printer.Text(r, "jobs"), Printer.Text(r, "revenue"), Printer.Text(r, "payout"), Printer.Text(r, "fees")]),
        new("clients", "per client and day: deposited, jobs, spent, refunded (micro-credits)", ["day", "client", "deposited", "jobs", "spent", "refunded"],
            r => [Printer.Text(r, "day"), Printer.Text(r, "clientAccountId"), Printer.Text(r, "deposited"), Printer.Text(r, "jobs"), Printer.Text(r, "spent"), Printer.Text(r, "refunded")]),
    ];

    public static Command Create()
    {
        var view = new Argument<string>("view") { Description = string.Join("; ", Views.Select(v => $"{v.Name}: {v.Description}")) };
        view.AcceptOnlyFromAmong([.. Views.Select(v => v.Name)]);
        var from = new Option<string?>("--from") { Description = "from this time or date (ISO 8601, UTC unless it has an offset)" };
        var to = new Option<string?>("--to") { Description = "before this time or date" };
        var account = new Option<Guid?>("--account") { Description = "one provider's or client's account (providers, clients)" };
        var limit = new Option<int?>("--limit") { Description = "rows, at most 10000 (default 1000)" };
        var command = new Command("analytics", "what the analytics projections have counted (analysts, operators)") { view, from, to, account, limit };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var chosen = Views.Single(v => v.Name == p.GetValue(view));
            var query = QueryString.Of(("from", p.GetValue(from)), ("to", p.GetValue(to)), ("account", p.GetValue(account)?.ToString()),
                ("limit", p.GetValue(limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var rows = await client.GetAsync($"/api/analytics/{chosen.Name}{query}", ct);
            if (printer.Json) printer.Document(rows);
            else printer.Table(chosen.Columns, rows.EnumerateArray().Select(chosen.Row));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string[] Percentiles(JsonElement p) => [Rounded(p, "p50"), Rounded(p, "p95"), Rounded(p, "p99")];

    private static string Rounded(JsonElement p, string name) =>
        p.GetProperty(name).ValueKind == JsonValueKind.Number ? p.GetProperty(name).GetDouble().ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
