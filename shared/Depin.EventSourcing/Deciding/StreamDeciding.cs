using Depin.EventSourcing.Streams;
using JasperFx;
using Marten;
using JasperFx.Events;

namespace Depin.EventSourcing.Deciding;

/// <summary>How a writer guards a stream: optimistically (a version check at commit), or exclusively (a row lock held until commit).</summary>
public enum Locking { Optimistic, Exclusive }

public static class StreamDeciding
{
    /// <summary>
    /// Load the stream through Marten, decide, and stage the events with the version that was read as the
    /// expectation (Marten checks it at SaveChanges). Exclusive takes the stream's row lock first, so
    /// concurrent writers of the same stream queue instead of failing: for streams that must never lose a race.
    /// </summary>
    public static Task<Decided<TState, TEvent>> DecideAsync<TState, TCommand, TEvent>(
        this IDocumentSession session, string streamKey, Decider<TState, TCommand, TEvent> decider, TCommand command,
        CancellationToken ct, Locking locking = Locking.Optimistic)
        where TEvent : class =>
        session.DecideAsync(streamKey, decider, [command], ct, locking);

    /// <summary>
    /// Several commands in turn on one loaded stream, each decided on the state the previous one's events left
    /// (a session does not see its own staged events, so a second load of the stream would decide on stale
    /// state). Stops at the first rejection; the events of the commands before it still stand.
    /// </summary>
    public static async Task<Decided<TState, TEvent>> DecideAsync<TState, TCommand, TEvent>(
        this IDocumentSession session, string streamKey, Decider<TState, TCommand, TEvent> decider, IReadOnlyList<TCommand> commands,
        CancellationToken ct, Locking locking = Locking.Optimistic)
        where TEvent : class
    {
        var stream = locking == Locking.Exclusive
            ? await session.Events.FetchForExclusiveWriting<Folded<TState>>(streamKey, ct)
            : await session.Events.FetchForWriting<Folded<TState>>(streamKey, ct);
        return stream.Decide(decider, commands);
    }

    /// <summary>Decides on a stream already loaded for writing (see <see cref="FetchManyForWritingAsync{TState}"/>).</summary>
    public static Decided<TState, TEvent> Decide<TState, TCommand, TEvent>(
        this IEventStream<Folded<TState>> stream, Decider<TState, TCommand, TEvent> decider, IReadOnlyList<TCommand> commands)
        where TEvent : class
    {
        var before = stream.Aggregate is { } folded ? folded.State : decider.Initial;
        var (state, events, rejection) = (before, new List<TEvent>(), (Rejection?)null);
        foreach (var command in commands)
        {
            var decision = decider.Decide(command, state);
            events.AddRange(decision.Events);
            state = decider.Fold(state, decision.Events);
            if ((rejection = decision.Rejection) is not null) break;
        }
        if (events.Count > 0) stream.AppendMany(events);
        return new Decided<TState, TEvent>(new Decision<TEvent>(events, rejection), before, state, (stream.StartingVersion ?? 0) + events.Count);
    }

    /// <summary>
    /// Loads many streams for writing in one round trip (a Marten batch query) instead of one each, taking their
    /// row locks, if exclusive, in the order given: a batch of messages pays one wait for its streams, not one per message.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IEventStream<Folded<TState>>>> FetchManyForWritingAsync<TState>(
        this IDocumentSession session, IEnumerable<string> streamKeys, Locking locking, CancellationToken ct)
    {
        var keys = streamKeys.Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0) return new Dictionary<string, IEventStream<Folded<TState>>>();
        // In the transaction before the batch is built, so that each exclusive fetch enlists without a round trip.
        if (locking == Locking.Exclusive) await session.BeginTransactionAsync(ct);
        var batch = session.CreateBatchQuery();
        var fetches = keys.Select(k => locking == Locking.Exclusive
            ? batch.Events.FetchForExclusiveWriting<Folded<TState>>(k)
            : batch.Events.FetchForWriting<Folded<TState>>(k)).ToList();
        await batch.Execute(ct);
        var streams = await Task.WhenAll(fetches);
        return keys.Zip(streams).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    /// <summary>One command on one stream in its own session, decided again on fresh state when another writer moved the stream first.</summary>
    public static Task<Decided<TState, TEvent>> DecideAndSaveAsync<TState, TCommand, TEvent>(
        this IDocumentStore store, string streamKey, Decider<TState, TCommand, TEvent> decider, TCommand command,
        Guid? correlationId, CancellationToken ct, Locking locking = Locking.Optimistic, int attempts = 5)
        where TEvent : class =>
        store.DecideInSessionAsync(session => session.DecideAsync(streamKey, decider, command, ct, locking), correlationId, ct, attempts);

    /// <summary>
    /// A decision in a session of its own (which may read or lock more than the stream it decides on), saved; decided again in
    /// a fresh session when another writer moved a stream it read first.
    /// </summary>
    public static async Task<T> DecideInSessionAsync<T>(this IDocumentStore store, Func<IDocumentSession, Task<T>> decide, Guid? correlationId,
        CancellationToken ct, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            if (correlationId is { } id) session.CorrelationId = id.ToString();
            try
            {
                var decided = await decide(session);
                await session.SaveChangesAsync(ct);
                return decided;
            }
            catch (ConcurrencyException) when (attempt < attempts)
            {
                await Task.Delay(Random.Shared.Next(2, 10 * attempt), ct);
            }
        }
    }
}
