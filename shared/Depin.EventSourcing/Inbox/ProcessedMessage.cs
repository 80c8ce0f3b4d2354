namespace Depin.EventSourcing.Inbox;

/// <summary>A consumer handled a message: stored in the same transaction as the consumer's appends. Id is "consumer/message id".</summary>
public sealed class ProcessedMessage
{
    public string Id { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public static string IdOf(string consumer, Guid messageId) => $"{consumer}/{messageId:N}";
}
