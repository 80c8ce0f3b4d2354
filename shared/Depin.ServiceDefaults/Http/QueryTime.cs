using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Depin.ServiceDefaults.Http;

/// <summary>A time in a query string: ISO 8601, a date or a time, UTC unless it carries an offset.</summary>
public static class QueryTime
{
    public static bool TryParse(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    public static string Problem(string name, string text) =>
        $"{name} must be an ISO 8601 date or time such as 2026-11-23 or 2026-11-23T10:00:00Z, not '{text}'";

    /// <summary>The parameter's time; null when it is absent, or when it is malformed (the problem is added to errors).</summary>
    public static DateTimeOffset? Read(IQueryCollection query, string name, List<string> errors)
    {
        if (query[name].ToString() is not { Length: > 0 } text) return null;
        if (TryParse(text, out var at)) return at;
        errors.Add(Problem(name, text));
        return null;
    }
}
