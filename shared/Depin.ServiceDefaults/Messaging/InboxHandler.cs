using Depin.EventStore;
using Depin.EventStore.Streams;
using MassTransit;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// Consumers' idempotency: the handler's appends and the inbox mark of the message commit together,
/// so a redelivered or duplicated message changes nothing. A concurrency conflict throws and the
/// bus retries the whole handling on fresh state.
/// </summary>
public sealed class InboxHandler(EventStore.EventStore store)
{
    public async Task HandleAsync<TConsumer>(ConsumeContext context, Func<EventSession, Task> handle)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("Messages must carry a message id.");
        var consumer = typeof(TConsumer).Name;
        await using var session = store.OpenSession(context.CorrelationId, messageId);
        if (await session.HasProcessedAsync(consumer, messageId, context.CancellationToken)) return;
        await handle(session);
        session.MarkProcessed(consumer, messageId);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (DuplicateMessageException)
        {
            // A concurrent delivery of the same message won the race; its effects stand, ours are discarded.
        }
    }
}
