using System.Globalization;
using Depin.EventSourcing.Log;
using Depin.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;

namespace Depin.ServiceDefaults.EventLog;

/// <summary>
/// The query string of GET /api/events/{log}: after (position), type (comma-separated stored names), stream,
/// from/to (ISO 8601; a time without an offset is UTC), limit. Every error names the parameter and what it accepts.
/// </summary>
public static class EventLogQuery
{
    public const int DefaultPage = 1000;
    public const int MaxPage = 10_000;

    /// <summary>A page (JSON) defaults to DefaultPage events; a stream (NDJSON) to every matching event.</summary>
    public static (EventFilter? Filter, string? Error) Parse(IQueryCollection query, IReadOnlySet<string> knownTypes, bool streaming)
    {
        var errors = new List<string>();
        long after = 0;
        if (query["after"].ToString() is { Length: > 0 } afterText && (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
            errors.Add($"after must be a position (a whole number ≥ 0), not '{afterText}'");

        string[]? types = null;
        if (query["type"].ToString() is { Length: > 0 } typeText)
        {
            types = typeText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = types.Where(t => !knownTypes.Contains(t)).ToList();
            if (unknown.Count > 0)
                errors.Add($"type {string.Join(", ", unknown.Select(t => $"'{t}'"))} is not stored in this log; its types are: {string.Join(", ", knownTypes.Order(StringComparer.Ordinal))}");
        }

        var stream = query["stream"].ToString() is { Length: > 0 } s ? s : null;
        if (stream is { Length: > 200 }) errors.Add("stream must be at most 200 characters");

        var from = QueryTime.Read(query, "from", errors);
        var to = QueryTime.Read(query, "to", errors);
        if (from is { } f && to is { } t && t <= f) errors.Add("to must be later than from");

        int? limit = streaming ? null : DefaultPage;
        if (query["limit"].ToString() is { Length: > 0 } limitText)
        {
            var max = streaming ? int.MaxValue : MaxPage;
            if (int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l >= 1 && l <= max) limit = l;
            else errors.Add(streaming ? "limit must be a whole number ≥ 1" : $"limit must be between 1 and {MaxPage} (or ask for NDJSON to stream every event)");
        }

        return errors.Count > 0 ? (null, string.Join("; ", errors)) : (new EventFilter(after, types, stream, from, to, limit), null);
    }
}
