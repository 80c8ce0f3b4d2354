using System.CommandLine;
using System.Text.Json;
using Depin.Cli.Api;
using Depin.Cli.Output;
using Depin.Cli.Settings;
using Spectre.Console;

namespace Depin.Cli.Commands;

/// <summary>depin jobs submit | watch | list | result | cancel (clients; operators see every client's jobs).</summary>
public static class JobsCommands
{
    private static readonly string[] Ended = ["completed", "failed", "cancelled"];

    public static Command Create() => new("jobs", "submit jobs and follow them")
    {
        Subcommands = { Submit(), Watch(), List(), Result(), Cancel() },
    };

    private static Command Submit()
    {
        var kernel = new Argument<string>("kernel") { Description = "a kernel from 'depin kernels'" };
        var param = new Option<string[]>("--param", "-p") { Description = "a kernel parameter, name=integer (repeat for each)", Arity = ArgumentArity.ZeroOrMore };
        var maxPrice = new Option<long>("--max-price") { Description = "the most you pay per compute unit, in micro-credits", Required = true };
        var deadline = new Option<int>("--deadline") { Description = "seconds until the job fails (and is refunded) if not done", DefaultValueFactory = _ => 300 };
        var region = new Option<string?>("--region") { Description = "run only on nodes in this region" };
        var device = new Option<string?>("--device") { Description = "any (default), cpu or gpu" };
        var gpuMemory = new Option<long?>("--min-gpu-memory") { Description = "MiB of GPU memory the job needs (with --device gpu)" };
        var watch = new Option<bool>("--watch", "-w") { Description = "follow the job until it ends" };
        var command = new Command("submit", "submit a job") { kernel, param, maxPrice, deadline, region, device, gpuMemory, watch };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var body = new
            {
                kernel = p.GetValue(kernel), parameters = JobParameters.Parse(p.GetValue(param) ?? []), maxPricePerUnit = p.GetValue(maxPrice),
                deadlineSeconds = p.GetValue(deadline), region = p.GetValue(region), deviceClass = p.GetValue(device), minGpuMemoryMiB = p.GetValue(gpuMemory),
            };
            var accepted = await client.PostAsync("/api/jobs", body, ct);
            var jobId = accepted.GetProperty("jobId").GetGuid();
            if (!p.GetValue(watch))
            {
                if (printer.Json) printer.Document(accepted);
                else printer.Fields(accepted, "jobId", "status", "estimatedUnits", "maxCost", "deadline");
                return ExitCodes.Ok;
            }
            if (!printer.Json) AnsiConsole.MarkupLine($"submitted [bold]{jobId}[/]");
            return await FollowAsync(client, printer, jobId, ct);
        }));
        return command;
    }

    private static Command Watch()
    {
        var id = new Argument<Guid>("job-id");
        var command = new Command("watch", "follow a job live until it ends (exit 1 if it failed or was cancelled)") { id };
        command.SetAction(CliApp.Action((p, client, printer, ct) => FollowAsync(client, printer, p.GetValue(id), ct)));
        return command;
    }

    /// <summary>
    /// Follows the job's event stream until it ends, with a progress bar on a terminal (with --json: each event as a
    /// line), then shows the job once billing has reported its money (or after a few seconds without).
    /// </summary>
    private static async Task<int> FollowAsync(GatewayClient client, Printer printer, Guid jobId, CancellationToken ct)
    {
        var events = client.StreamAsync($"/api/jobs/{jobId}/events", ct);
        if (printer.Json)
            await foreach (var (_, data) in events) printer.Line(data);
        else if (AnsiConsole.Profile.Capabilities.Interactive)
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"job {jobId}", maxValue: 1);
                    await foreach (var (type, data) in events)
                    {
                        task.Description = $"{jobId} {type.Replace("job_", "", StringComparison.Ordinal)}";
                        if (Fraction(type, data) is { } f) task.Value = f;
                    }
                });
        else
            await foreach (var (type, data) in events)
                Console.Out.WriteLine(Fraction(type, data) is { } f and < 1 ? $"{type} {f:P0}" : type);

        var job = await client.GetAsync($"/api/jobs/{jobId}", ct);
        for (var i = 0; i < 50 && !MoneyMoved(job); i++)
        {
            await Task.Delay(200, ct);
            job = await client.GetAsync($"/api/jobs/{jobId}", ct);
        }
        Show(printer, job);
        return Printer.Text(job, "status") == "completed" ? ExitCodes.Ok : ExitCodes.Unsuccessful;
    }

    private static double? Fraction(string type, JsonElement e) => type switch
    {
        "job_completed" => 1,
        "job_progressed" when e.TryGetProperty("data", out var d) && d.TryGetProperty("fraction", out var f) => f.GetDouble(),
        _ => null,
    };

    private static bool MoneyMoved(JsonElement job) =>
        !Ended.Contains(Printer.Text(job, "status"))
        || job.TryGetProperty("charged", out var c) && c.ValueKind == JsonValueKind.Number
        || job.TryGetProperty("refunded", out var r) && r.ValueKind == JsonValueKind.Number;

    private static void Show(Printer printer, JsonElement job)
    {
        if (printer.Json) printer.Document(job);
        else printer.Fields(job, "jobId", "kernel", "status", "reason", "waitingReason", "ranOn", "nodeId", "attempts", "units", "pricePerUnit",
            "charged", "refunded", "resultHash", "submittedAt", "updatedAt");
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "only jobs in this status (submitted, queued, assigned, running, completed, failed, cancelled)" };
        var limit = new Option<int>("--limit") { Description = "newest first, at most this many (1-500)", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "your jobs, newest first") { status, limit };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var query = QueryString.Of(("limit", p.GetValue(limit).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("status", p.GetValue(status)));
            var jobs = await client.GetAsync("/api/jobs" + query, ct);
            if (printer.Json) printer.Document(jobs);
            else printer.Table(["job", "kernel", "status", "submitted", "units", "charged", "refunded"], jobs.EnumerateArray().Select(j => new[]
            {
                Printer.Text(j, "jobId"), Printer.Text(j, "kernel"), Printer.Text(j, "status"), Printer.Text(j, "submittedAt"),
                Printer.Text(j, "units"), Printer.Text(j, "charged"), Printer.Text(j, "refunded"),
            }));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Result()
    {
        var id = new Argument<Guid>("job-id");
        var command = new Command("result", "a completed job's result: its canonical hash and summary") { id };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var result = await client.GetAsync($"/api/jobs/{p.GetValue(id)}/result", ct);
            if (printer.Json) printer.Document(result);
            else printer.AllFields(result);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<Guid>("job-id");
        var command = new Command("cancel", "cancel a job that has not ended; what was not used is refunded") { id };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var job = await client.DeleteAsync($"/api/jobs/{p.GetValue(id)}", ct);
            if (printer.Json) printer.Document(job);
            else if (job.ValueKind == JsonValueKind.Object) printer.AllFields(job);
            else AnsiConsole.MarkupLine("cancelled");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
