using System.CommandLine;
using System.Text.Json;
using Depin.Cli.Output;

namespace Depin.Cli.Commands;

/// <summary>depin stakes list | add | unbond: a provider's bonds on its nodes (operators list every node's).</summary>
public static class StakesCommands
{
    public static Command Create() => new("stakes", "the stakes providers put up on their nodes")
    {
        Subcommands =
        {
            List(), Change("add", "stake more on a node (from your available money)", ""),
            Change("unbond", "ask for stake back (released after the cooling-off)", "/unbond"),
        },
    };

    private static Command List()
    {
        var command = new Command("list", "your nodes' stakes: bonded, unbonding, slashed");
        command.SetAction(CliApp.Action(async (_, client, printer, ct) =>
        {
            var stakes = await client.GetAsync("/api/stakes", ct);
            if (printer.Json) printer.Document(stakes);
            else printer.Table(["node", "bonded", "unbonding", "slashed", "slashes"], stakes.EnumerateArray().Select(s => new[]
            {
                Printer.Text(s, "nodeId"), Printer.Text(s, "bonded"), Unbonding(s), Printer.Text(s, "slashed"), Printer.Text(s, "slashes"),
            }));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Unbonding(JsonElement stake) =>
        string.Join(", ", stake.GetProperty("unbonding").EnumerateArray().Select(u => $"{Printer.Text(u, "amount")} at {Printer.Text(u, "releasableAt")}"));

    private static Command Change(string name, string description, string path)
    {
        var id = new Argument<Guid>("node-id");
        var amount = new Argument<long>("amount") { Description = "micro-credits" };
        var command = new Command(name, description) { id, amount };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var stake = await client.PostAsync($"/api/stakes/{p.GetValue(id)}{path}", new { amount = p.GetValue(amount) }, ct);
            if (printer.Json) printer.Document(stake);
            else printer.Fields(stake, "nodeId", "bonded", "slashed");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
