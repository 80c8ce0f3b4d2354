using System.CommandLine;
using System.Text;
using Depin.Cli.Api;
using Depin.Cli.Output;

namespace Depin.Cli.Commands.History;

/// <summary>
/// depin events: the stored events of one or every log, streamed (NDJSON from the API) and merged by time, as
/// NDJSON (each line as the API sent it), CSV, or a table. Nothing is held in memory but one line per log.
/// </summary>
public static class EventsCommand
{
    public static Command Create()
    {
        var logs = EventLogs.Option();
        var type = new Option<string?>("--type") { Description = "only events of these stored types (comma-separated, e.g. hold_settled,job_failed)" };
        var stream = new Option<string?>("--stream") { Description = "only this stream (e.g. job-<id>, hold-<job id>, account-<id>)" };
        var from = new Option<string?>("--from") { Description = "only events at or after this time (ISO 8601; UTC unless it has an offset)" };
        var to = new Option<string?>("--to") { Description = "only events before this time" };
        var after = new Option<long?>("--after") { Description = "only events after this position (positions are per log: needs exactly one --log)" };
        var format = new Option<string?>("--format") { Description = "ndjson | csv | table (default: table on a terminal, else ndjson; --json means ndjson)" };
        format.AcceptOnlyFromAmong("ndjson", "csv", "table");
        var command = new Command("events", "export the event history (analysts, operators)") { logs, type, stream, from, to, after, format };
        command.SetAction(CliApp.Action(async (p, client, printer, ct) =>
        {
            var chosen = EventLogs.Chosen(p.GetValue(logs));
            if (p.GetValue(after) is not null && chosen.Count != 1) throw new UsageException("--after is a position in one log: name that log with --log");
            // Always streamed: the query always has format=ndjson, so a type is appended with '&'.
            var query = QueryString.Of(("stream", p.GetValue(stream)), ("from", p.GetValue(from)), ("to", p.GetValue(to)),
                ("after", p.GetValue(after)?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("format", "ndjson"));
            var shape = p.GetValue(format) ?? (printer.Json || Console.IsOutputRedirected ? "ndjson" : "table");
            var merged = MergeAsync(client, chosen, p.GetValue(type), query, ct);
            await WriteAsync(merged, shape, printer, ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// What to stream: one source per log; with --type and several logs, one per log and type, because a type is
    /// stored in one log only and a log refuses (400) a type it does not store. A type every log refuses is an error.
    /// </summary>
    private static IEnumerable<(int Log, string Path, string? Type)> Sources(IReadOnlyList<string> logs, string? types, string query)
    {
        var split = types?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < logs.Count; i++)
        {
            if (split is null || logs.Count == 1) yield return (i, $"/api/events/{logs[i]}{query}{(types is null ? "" : "&type=" + Uri.EscapeDataString(types))}", null);
            else foreach (var t in split) yield return (i, $"/api/events/{logs[i]}{query}&type={Uri.EscapeDataString(t)}", t);
        }
    }

    /// <summary>K-way merge of the sources' streams by time; only one line per source is held at a time.</summary>
    private static async IAsyncEnumerable<EventLine> MergeAsync(GatewayClient client, IReadOnlyList<string> logs, string? types, string query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var heads = new PriorityQueue<(EventLine Line, IAsyncEnumerator<string> Lines, int Log), EventLine>(EventLine.ByTime);
        var open = new List<IAsyncEnumerator<string>>();
        var refusals = new List<(string Type, ApiException Error)>();
        var sources = Sources(logs, types, query).ToList();
        try
        {
            foreach (var (log, path, type) in sources)
            {
                var lines = client.LinesAsync(path, ct).GetAsyncEnumerator(ct);
                open.Add(lines);
                try
                {
                    if (await lines.MoveNextAsync())
                    {
                        var first = EventLine.Parse(lines.Current, log);
                        heads.Enqueue((first, lines, log), first);
                    }
                }
                catch (ApiException ex) when (ex.Status == 400 && type is not null) { refusals.Add((type, ex)); }
            }
            foreach (var group in refusals.GroupBy(r => r.Type))
                if (group.Count() == logs.Count) throw new ApiException(400, "Invalid request", $"no log stores events of type '{group.Key}'");
            while (heads.TryDequeue(out var head, out _))
            {
                yield return head.Line;
                if (await head.Lines.MoveNextAsync())
                {
                    var next = EventLine.Parse(head.Lines.Current, head.Log);
                    heads.Enqueue((next, head.Lines, head.Log), next);
                }
            }
        }
        finally
        {
            foreach (var lines in open) await lines.DisposeAsync();
        }
    }

    private static async Task WriteAsync(IAsyncEnumerable<EventLine> events, string shape, Printer printer, CancellationToken ct)
    {
        if (shape == "table")
        {
            var rows = new List<string[]>();
            await foreach (var e in events.WithCancellation(ct))
                rows.Add([Printer.Text(e.Event, "timestamp"), Printer.Text(e.Event, "log"), Printer.Text(e.Event, "position"), Printer.Text(e.Event, "type"),
                    Printer.Text(e.Event, "stream"), Printer.Text(e.Event, "version")]);
            printer.Table(["time", "log", "position", "type", "stream", "version"], rows);
            return;
        }
        await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        if (shape == "csv") await output.WriteLineAsync(string.Join(',', EventLine.CsvColumns));
        await foreach (var e in events.WithCancellation(ct)) await output.WriteLineAsync(shape == "csv" ? e.Csv() : e.Raw);
    }
}
