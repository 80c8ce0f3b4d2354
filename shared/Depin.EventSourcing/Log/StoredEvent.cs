namespace Depin.EventSourcing.Log;

/// <summary>
/// One row of a service's event log exactly as stored: position is Marten's sequence number, data the event's
/// JSON as PostgreSQL returns it (jsonb has one text form, so the same row always reads back byte for byte).
/// </summary>
public sealed record StoredEvent(
    long Position, Guid Id, string Stream, long Version, string Type, DateTimeOffset Timestamp,
    string? CorrelationId, string? CausationId, string Data);
