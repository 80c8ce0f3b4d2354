using Depin.EventStore.Streams;

namespace Depin.EventStore.Deciding;

public static class SessionDeciding
{
    /// <summary>Load the stream, decide, and stage the events with the version that was read as the expectation.</summary>
    public static async Task<Decided<TState, TEvent>> DecideAsync<TState, TCommand, TEvent>(
        this EventSession session, string streamId, Decider<TState, TCommand, TEvent> decider, TCommand command, CancellationToken ct = default)
        where TEvent : class
    {
        var (state, version) = await session.Store.AggregateStreamAsync(streamId, decider.Initial, decider.Evolve, ct: ct);
        var decision = decider.Decide(command, state);
        session.Append(streamId, version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.At(version), decision.Events);
        return new Decided<TState, TEvent>(decision, state, decider.Fold(state, decision.Events), version + decision.Events.Count);
    }

    /// <summary>One command on one stream in its own transaction, re-run on a concurrency conflict (for callers no broker retries).</summary>
    public static Task<Decided<TState, TEvent>> DecideAndSaveAsync<TState, TCommand, TEvent>(
        this EventStore store, string streamId, Decider<TState, TCommand, TEvent> decider, TCommand command, Guid? correlationId, CancellationToken ct)
        where TEvent : class =>
        ConflictRetry.RunAsync(async () =>
        {
            await using var session = store.OpenSession(correlationId);
            var decided = await session.DecideAsync(streamId, decider, command, ct);
            await session.SaveChangesAsync(ct);
            return decided;
        });
}
