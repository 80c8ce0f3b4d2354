namespace Depin.EventSourcing.Log;

/// <summary>Which stored events to read: after a position, of some types, of one stream, in a time window, at most Limit.</summary>
public sealed record EventFilter(
    long After = 0, IReadOnlyList<string>? Types = null, string? Stream = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int? Limit = null);
