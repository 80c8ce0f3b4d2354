namespace Depin.EventStore.Streams;

/// <summary>An event as stored: its place in its stream and in the global log, and its metadata.</summary>
public sealed record RecordedEvent(
    long Position,
    ulong TransactionId,
    string StreamId,
    long Version,
    Guid EventId,
    string Type,
    object Data,
    Guid? CorrelationId,
    Guid? CausationId,
    DateTimeOffset Timestamp)
{
    public GlobalCheckpoint Checkpoint => new(TransactionId, Position);
}
