using System.CommandLine;
using System.Text.Json;
using Depin.Cli.Output;

namespace Depin.Cli.Commands;

/// <summary>depin nodes list | drain | reinstate | probe (providers see their nodes; operators every node, and reinstate and probe).</summary>
public static class NodesCommands
{
    public static Command Create() => new("nodes", "compute nodes") { Subcommands = { List(), Drain(), Reinstate(), Probe() } };

    private static Command List()
    {
        var command = new Command("list", "registered nodes, their offers and state");
        command.SetAction(CliApp.Action(async (_, client, printer, ct) =>
        {
            var nodes = await client.GetAsync("/api/nodes", ct);
            if (printer.Json) printer.Document(nodes);
            else printer.Table(["node", "name", "region", "status", "last seen", "offers"], nodes.EnumerateArray().Select(n => new[]
            {
                Printer.Text(n, "nodeId"), Printer.Text(n, "name"), Printer.Text(n, "region"), Printer.Text(n, "status"), Printer.Text(n, "lastSeen"), Offers(n),
            }));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Offers(JsonElement node) =>
        node.TryGetProperty("offers", out var offers) && offers.ValueKind == JsonValueKind.Array
            ? string.Join(", ", offers.EnumerateArray().Select(o => $"{Printer.Text(o, "deviceClass")} at {Printer.Text(o, "pricePerUnit")}"))
            : $"cpu at {Printer.Text(node, "pricePerUnit")}";

    private static Command Reinstate()
    {
        var id = new Argument<Guid>("node-id");
        var reason = new Option<string>("--reason") { Description = "why the suspension is lifted (recorded)", Required = true };
        var command = new Command("reinstate", "lift a node's suspension for reputation (operators); it is on probation") { id, reason };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var lifted = await client.PostAsync($"/api/nodes/{p.GetValue(id)}/reinstate", new { reason = p.GetValue(reason) }, ct);
            if (printer.Json) printer.Document(lifted);
            else printer.Fields(lifted, "nodeId", "status");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Probe()
    {
        var id = new Argument<Guid>("node-id");
        var command = new Command("probe", "send a node a known-answer probe now (operators)") { id };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var sent = await client.PostAsync("/api/probes", new { nodeId = p.GetValue(id) }, ct);
            if (printer.Json) printer.Document(sent);
            else printer.Fields(sent, "jobId", "nodeId", "sourceJobId");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Drain()
    {
        var id = new Argument<Guid>("node-id");
        var command = new Command("drain", "let a node finish its jobs and take no new ones") { id };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var drained = await client.PostAsync($"/api/nodes/{p.GetValue(id)}/drain", new { }, ct);
            if (printer.Json) printer.Document(drained);
            else printer.Fields(drained, "nodeId", "status");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
