using System.CommandLine;
using System.Text.Json;
using Depin.Cli.Output;

namespace Depin.Cli.Commands;

/// <summary>depin anomalies: ended jobs whose money never moved, and messages in error queues; exit 1 when there is any.</summary>
public static class AnomaliesCommand
{
    public static Command Create()
    {
        var command = new Command("anomalies", "what must always be empty: ended jobs without payment, error-queue messages (exit 1 if not)");
        command.SetAction(CliApp.Action(async (_, client, printer, ct) =>
        {
            var unpaid = await client.GetAsync("/api/anomalies/unpaid-jobs", ct);
            var queues = await client.GetAsync("/api/anomalies/error-queues", ct);
            var (unpaidCount, messages) = (unpaid.GetArrayLength(), queues.GetProperty("messages").GetInt64());
            if (printer.Json) printer.Document(JsonSerializer.SerializeToElement(new { unpaidJobs = unpaid, errorQueues = queues }));
            else printer.Table(["anomaly", "count"], [["ended jobs without payment", unpaidCount.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["messages in error queues", messages.ToString(System.Globalization.CultureInfo.InvariantCulture)]]);
            return unpaidCount == 0 && messages == 0 ? ExitCodes.Ok : ExitCodes.Unsuccessful;
        }));
        return command;
    }
}
