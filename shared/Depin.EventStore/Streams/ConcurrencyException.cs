namespace Depin.EventStore.Streams;

/// <summary>The stream moved on since it was read: reload, decide again, append again.</summary>
public sealed class ConcurrencyException(string streamId, long? expectedVersion)
    : Exception($"Stream '{streamId}' is not at expected version {expectedVersion?.ToString() ?? "(new)"}.")
{
    public string StreamId { get; } = streamId;
    public long? ExpectedVersion { get; } = expectedVersion;
}
