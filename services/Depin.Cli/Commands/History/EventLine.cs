using System.Globalization;
using System.Text.Json;

namespace Depin.Cli.Commands.History;

/// <summary>One exported event as the API sent it (its line kept verbatim), with what merging and printing need.</summary>
public sealed record EventLine(string Raw, JsonElement Event, DateTimeOffset Timestamp, int LogOrder, long Position)
{
    public static EventLine Parse(string raw, int logOrder)
    {
        var e = JsonDocument.Parse(raw).RootElement.Clone();
        return new EventLine(raw, e, DateTimeOffset.Parse(e.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture), logOrder,
            e.GetProperty("position").GetInt64());
    }

    /// <summary>Logs merged by time; within one log (and between equal times) by position.</summary>
    public static readonly IComparer<EventLine> ByTime = Comparer<EventLine>.Create((a, b) =>
    {
        var byTime = a.Timestamp.CompareTo(b.Timestamp);
        if (byTime != 0) return byTime;
        var byLog = a.LogOrder.CompareTo(b.LogOrder);
        return byLog != 0 ? byLog : a.Position.CompareTo(b.Position);
    });

    public static readonly string[] CsvColumns = ["log", "position", "stream", "version", "type", "timestamp", "id", "correlationId", "causationId", "data"];

    public string Csv() => string.Join(',', CsvColumns.Select(c => CsvField(CsvText(Event.GetProperty(c)))));

    private static string CsvText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };

    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
