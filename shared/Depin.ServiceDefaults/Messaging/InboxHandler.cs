using Depin.EventSourcing.Deciding;
using Depin.EventSourcing.Inbox;
using JasperFx;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// Consumers' idempotency: the handler's appends and documents and the inbox mark of the message commit in
/// one transaction, so a redelivered or duplicated message changes nothing. A concurrency conflict throws
/// and the bus retries the whole handling on fresh state.
/// </summary>
public sealed partial class InboxHandler(IDocumentStore store, TimeProvider time, ILogger<InboxHandler> logger)
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

    /// <summary>
    /// A batch of messages in one transaction: one connection, one inbox read, one commit and one flush of the log
    /// for the lot, where each message alone paid all of them. Messages already handled are skipped; the rest are
    /// handled in the order of <paramref name="streamKey"/>, so every batch takes row locks in the same order and
    /// two batches cannot deadlock. A stream twice in a batch is written in a second transaction after the first,
    /// because a session does not see its own staged events. Each message's events carry its own correlation and
    /// causation ids. If the transaction fails, each message is handled alone, so one bad message cannot hold up
    /// the others; what still fails is thrown for the bus to retry (the inbox skips what did commit).
    /// </summary>
    /// <param name="handler">Makes the handler for one transaction from the messages it will handle (so that it can
    /// load what they need in one round trip); whatever it keeps (such as a balance read under a lock) lives
    /// exactly as long as that transaction.</param>
    public async Task HandleBatchAsync<TConsumer, T>(ConsumeContext<Batch<T>> batch, Func<T, string> streamKey,
        Func<IDocumentSession, IReadOnlyList<ConsumeContext<T>>, Task<Func<ConsumeContext<T>, Task>>> handler) where T : class
    {
        if (batch.Message.Any(m => m.MessageId is null)) throw new InvalidOperationException("Messages must carry a message id.");
        // A message delivered twice into one batch (published again before the first copy was consumed) is handled once.
        var messages = batch.Message
            .DistinctBy(m => m.MessageId)
            .OrderBy(m => streamKey(m.Message), StringComparer.Ordinal)
            .ToList();

        // Every round and every message gets its chance before anything is thrown: the bus then retries the batch,
        // and the inbox skips whatever did commit.
        var failures = new List<Exception>();
        foreach (var round in Rounds(messages, streamKey))
        {
            try
            {
                await HandleRoundAsync<TConsumer, T>(round, handler, batch.CancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBatchFellBack(typeof(TConsumer).Name, round.Count, ex);
                foreach (var message in round)
                {
                    try { await HandleAsync<TConsumer>(message, async session => await (await handler(session, [message]))(message)); }
                    catch (Exception one) when (one is not OperationCanceledException) { failures.Add(one); }
                }
            }
        }
        if (failures.Count == 1) throw failures[0];
        if (failures.Count > 1) throw new AggregateException(failures);
    }

    /// <summary>
    /// A batch where each message is one command on one stream: the streams are loaded (and, exclusive, locked) in one
    /// round trip, each message decided on its stream, and <paramref name="decided"/> told the outcome (for logging).
    /// </summary>
    public Task DecideBatchAsync<TConsumer, T, TState, TCommand, TEvent>(ConsumeContext<Batch<T>> batch, Decider<TState, TCommand, TEvent> decider,
        Func<T, string> streamKey, Locking locking, Func<T, TCommand> command, Action<T, Decided<TState, TEvent>> decided)
        where T : class where TEvent : class =>
        HandleBatchAsync<TConsumer, T>(batch, streamKey, async (session, messages) =>
        {
            var streams = await session.FetchManyForWritingAsync<TState>(messages.Select(m => streamKey(m.Message)), locking, batch.CancellationToken);
            return c =>
            {
                decided(c.Message, streams[streamKey(c.Message)].Decide(decider, [command(c.Message)]));
                return Task.CompletedTask;
            };
        });

    /// <summary>A batch whose handler needs nothing loaded up front.</summary>
    public Task HandleBatchAsync<TConsumer, T>(ConsumeContext<Batch<T>> batch, Func<T, string> streamKey,
        Func<IDocumentSession, Func<ConsumeContext<T>, Task>> handler) where T : class =>
        HandleBatchAsync<TConsumer, T>(batch, streamKey, (session, _) => Task.FromResult(handler(session)));

    private async Task HandleRoundAsync<TConsumer, T>(IReadOnlyList<ConsumeContext<T>> round,
        Func<IDocumentSession, IReadOnlyList<ConsumeContext<T>>, Task<Func<ConsumeContext<T>, Task>>> handler, CancellationToken ct) where T : class
    {
        await using var session = store.LightweightSession();
        string IdOf(ConsumeContext<T> m) => ProcessedMessage.IdOf(typeof(TConsumer).Name, m.MessageId!.Value);
        var done = (await session.LoadManyAsync<ProcessedMessage>(ct, round.Select(IdOf).ToArray())).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var todo = round.Where(m => !done.Contains(IdOf(m))).ToList();
        if (todo.Count == 0) return;
        var handle = await handler(session, todo);
        var now = time.GetUtcNow();
        foreach (var message in todo)
        {
            await handle(message);
            Stamp(session, message);
            session.Insert(new ProcessedMessage { Id = IdOf(message), At = now });
        }
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Gives the events a message's handling just staged that message's correlation and causation ids.</summary>
    private static void Stamp(IDocumentSession session, ConsumeContext message)
    {
        var (correlation, causation) = (message.CorrelationId?.ToString(), message.MessageId!.Value.ToString());
        foreach (var e in session.PendingChanges.Streams().SelectMany(s => s.Events))
        {
            if (e.CausationId is not null) continue;
            e.CausationId = causation;
            e.CorrelationId ??= correlation;
        }
    }

    /// <summary>Splits the (sorted) messages so that no stream is written twice in one transaction.</summary>
    private static List<List<ConsumeContext<T>>> Rounds<T>(IEnumerable<ConsumeContext<T>> messages, Func<T, string> streamKey) where T : class
    {
        var rounds = new List<(HashSet<string> Keys, List<ConsumeContext<T>> Messages)>();
        foreach (var message in messages)
        {
            var key = streamKey(message.Message);
            var round = rounds.FirstOrDefault(r => !r.Keys.Contains(key));
            if (round.Keys is null) rounds.Add(round = ([], []));
            round.Keys.Add(key);
            round.Messages.Add(message);
        }
        return rounds.Select(r => r.Messages).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} for {Consumer} failed as a whole; handling each message alone")]
    private partial void LogBatchFellBack(string consumer, int count, Exception ex);
}
