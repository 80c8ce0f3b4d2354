using Depin.EventSourcing.Deciding;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Depin.EventSourcing.Streams;

/// <summary>Live aggregation of a stream through the decider's own Evolve; nothing is stored.</summary>
public sealed class DeciderProjection<TState, TCommand, TEvent>(Decider<TState, TCommand, TEvent> decider)
    : SingleStreamProjection<Folded<TState>, string>
{
    public override Folded<TState> Evolve(Folded<TState>? snapshot, string id, IEvent e) =>
        e.Data is TEvent data
            ? new Folded<TState> { Id = id, State = decider.Evolve(snapshot is null ? decider.Initial : snapshot.State, data) }
            : snapshot ?? new Folded<TState> { Id = id, State = decider.Initial };
}
