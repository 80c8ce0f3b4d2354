using System.CommandLine;
using Depin.Cli.Output;

namespace Depin.Cli.Commands;

/// <summary>depin kernels: what may be submitted, with each parameter's bounds and default and the kernel's cost model.</summary>
public static class KernelsCommand
{
    public static Command Create()
    {
        var command = new Command("kernels", "the kernels the network runs, their parameters and cost models");
        command.SetAction(CliApp.Action(async (_, client, printer, ct) =>
        {
            var kernels = await client.GetAsync("/api/kernels", ct);
            if (printer.Json) { printer.Document(kernels); return ExitCodes.Ok; }
            foreach (var k in kernels.EnumerateArray())
                printer.Table(["parameter", "min", "max", "default", "meaning"], k.GetProperty("parameters").EnumerateArray().Select(p => new[]
                {
                    Printer.Text(p, "name"), Printer.Text(p, "min"), Printer.Text(p, "max"), Printer.Text(p, "default"), Printer.Text(p, "description"),
                }), $"{Printer.Text(k, "name")}: {Printer.Text(k, "description")}; units = {Printer.Text(k, "costModel")}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
