using Depin.EventSourcing.Inbox;
using JasperFx;
using Marten;
using MassTransit;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// Consumers' idempotency: the handler's appends and documents and the inbox mark of the message commit in
/// one transaction, so a redelivered or duplicated message changes nothing. A concurrency conflict throws
/// and the bus retries the whole handling on fresh state.
/// </summary>
public sealed class InboxHandler(IDocumentStore store, TimeProvider time)
{
    public async Task HandleAsync<TConsumer>(ConsumeContext context, Func<IDocumentSession, Task> handle)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("Messages must carry a message id.");
        var id = ProcessedMessage.IdOf(typeof(TConsumer).Name, messageId);
        await using var session = store.LightweightSession();
        if (context.CorrelationId is { } correlation) session.CorrelationId = correlation.ToString();
        session.CausationId = messageId.ToString();
        if (await session.LoadAsync<ProcessedMessage>(id, context.CancellationToken) is not null) return;
        await handle(session);
        session.Insert(new ProcessedMessage { Id = id, At = time.GetUtcNow() });
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            // A concurrent delivery of the same message won the race; its effects stand, ours are discarded.
        }
    }
}
