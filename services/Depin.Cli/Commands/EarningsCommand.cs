using System.CommandLine;
using Depin.Cli.Output;

namespace Depin.Cli.Commands;

/// <summary>depin earnings: the caller's balance and latest ledger lines (a provider sees what its nodes earned).</summary>
public static class EarningsCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "how many ledger lines, newest first", DefaultValueFactory = _ => 20 };
        var command = new Command("earnings", "your balance and latest ledger lines, in micro-credits") { limit };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var balance = await client.GetAsync("/api/accounts/me", ct);
            var lines = await client.GetAsync($"/api/accounts/me/ledger?limit={p.GetValue(limit)}", ct);
            if (printer.Json)
            {
                printer.Document(System.Text.Json.JsonSerializer.SerializeToElement(new { balance, ledger = lines }));
                return ExitCodes.Ok;
            }
            printer.Fields(balance, "accountId", "available", "held", "staked", "total");
            printer.Table(["at", "account", "amount", "job", "entry"], lines.EnumerateArray().Select(l => new[]
            {
                Printer.Text(l, "at"), Printer.Text(l, "account"), Printer.Text(l, "amount"), Printer.Text(l, "jobId"), Printer.Text(l, "entryId"),
            }));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
