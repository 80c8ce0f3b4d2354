using System.Globalization;
using Depin.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;

namespace Depin.ServiceDefaults.Analytics;

/// <summary>
/// The query of an analytics read: from (inclusive) and to (exclusive) as ISO 8601 times or dates (UTC unless an
/// offset is given; all time when omitted), account (a provider's or client's id), limit (rows, 1..10000, default 1000).
/// </summary>
public sealed record AnalyticsWindow(DateTimeOffset From, DateTimeOffset To, Guid? Account, int Limit)
{
    public const int MaxRows = 10_000;

    public DateOnly FromDay => DateOnly.FromDateTime(From.UtcDateTime);

    /// <summary>The last day a day-grain row may have: the day before To, unless To falls inside a day.</summary>
    public DateOnly LastDay => To == DateTimeOffset.MaxValue ? DateOnly.MaxValue : DateOnly.FromDateTime(To.UtcDateTime.AddTicks(-1));

    public static (AnalyticsWindow? Window, string? Error) Parse(IQueryCollection query)
    {
        var errors = new List<string>();
        var from = QueryTime.Read(query, "from", errors) ?? DateTimeOffset.MinValue;
        var to = QueryTime.Read(query, "to", errors) ?? DateTimeOffset.MaxValue;
        if (to <= from) errors.Add("to must be later than from");
        Guid? account = null;
        if (query["account"].ToString() is { Length: > 0 } accountText)
        {
            if (Guid.TryParse(accountText, out var id)) account = id;
            else errors.Add($"account must be an account id, not '{accountText}'");
        }
        var limit = 1000;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxRows))
            errors.Add($"limit must be between 1 and {MaxRows}");
        return errors.Count > 0 ? (null, string.Join("; ", errors)) : (new AnalyticsWindow(from, to, account, limit), null);
    }
}
