using System.Globalization;
using Depin.ServiceDefaults.Http;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Depin.ServiceDefaults.EventLog;

/// <summary>
/// Time travel: ?version=N (the stream after its N-th event) or ?at=T (after every event recorded at or before T),
/// read by folding the stream up to there with the same projection that keeps the current document.
/// </summary>
public sealed record PointInTime(long? Version, DateTimeOffset? At)
{
    /// <summary>Null point (and no error) when the query asks for neither: the current state.</summary>
    public static (PointInTime? Point, string? Error) Parse(IQueryCollection query)
    {
        var (versionText, atText) = (query["version"].ToString(), query["at"].ToString());
        if (versionText.Length == 0 && atText.Length == 0) return (null, null);
        if (versionText.Length > 0 && atText.Length > 0) return (null, "ask for version or at, not both");
        if (versionText.Length > 0)
            return long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
                ? (new PointInTime(version, null), null)
                : (null, $"version must be a whole number ≥ 1 (the stream after its N-th event), not '{versionText}'");
        return QueryTime.TryParse(atText, out var at) ? (new PointInTime(null, at), null) : (null, QueryTime.Problem("at", atText));
    }

    public override string ToString() => Version is { } v ? $"version {v}" : At!.Value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The stream's document as it was at this point, or a problem (404) when the stream had not reached it.</summary>
    public async Task<(T? State, IResult? Problem)> AggregateAsync<T>(IQuerySession session, string stream, string what, CancellationToken ct)
        where T : class
    {
        if (Version is { } version)
        {
            var current = (await session.Events.FetchStreamStateAsync(stream, ct))?.Version ?? 0;
            if (version > current) return (null, Problems.NotFound($"{what} has {current} events: there is no version {version}"));
        }
        var state = await session.Events.AggregateStreamAsync<T>(stream, Version ?? 0, At, token: ct);
        return state is null ? (null, Problems.NotFound($"{what} did not exist yet at {this}")) : (state, null);
    }
}
