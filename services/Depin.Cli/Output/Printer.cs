using System.Text.Json;
using Spectre.Console;

namespace Depin.Cli.Output;

/// <summary>Tables for people, or the API's JSON as is with --json (one document, or one line per item when streaming).</summary>
public sealed class Printer(bool json)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public bool Json => json;

    /// <summary>Piped into a file or grep, a table keeps each row on one line instead of wrapping at 80 columns.</summary>
    static Printer()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 1000;
    }

    public void Document(JsonElement value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    public void Line(JsonElement value) => Console.Out.WriteLine(JsonSerializer.Serialize(value));

    public void Table(string[] columns, IEnumerable<string[]> rows, string? title = null)
    {
        var table = new Table { Border = TableBorder.Rounded };
        if (title is not null) table.Title = new TableTitle(Markup.Escape(title));
        foreach (var c in columns) table.AddColumn(Markup.Escape(c));
        foreach (var row in rows) table.AddRow(row.Select(cell => new Markup(Markup.Escape(cell))).ToArray());
        AnsiConsole.Write(table);
    }

    /// <summary>Name/value pairs of one object, in the order given.</summary>
    public void Fields(JsonElement value, params string[] names) =>
        Table(["field", "value"], names.Where(n => value.TryGetProperty(n, out _)).Select(n => new[] { n, Text(value.GetProperty(n)) }));

    /// <summary>Every field of one object, in the API's order.</summary>
    public void AllFields(JsonElement value) => Table(["field", "value"], value.EnumerateObject().Select(f => new[] { f.Name, Text(f.Value) }));

    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        _ => value.GetRawText(),
    };

    public static string Text(JsonElement value, string property) => value.TryGetProperty(property, out var p) ? Text(p) : "-";

    public static void Error(string message) => Console.Error.WriteLine($"error: {message}");
}
