namespace Depin.EventStore.Streams;

/// <summary>Another delivery of the same message was processed first; this one changed nothing.</summary>
public sealed class DuplicateMessageException(string consumer, Guid messageId)
    : Exception($"Message {messageId} was already processed by {consumer}.")
{
    public string Consumer { get; } = consumer;
    public Guid MessageId { get; } = messageId;
}
