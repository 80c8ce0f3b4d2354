namespace Depin.EventSourcing.Deciding;

/// <summary>An aggregate as two pure functions: Decide(command, state) → events and Evolve(state, event) → state.</summary>
public sealed record Decider<TState, TCommand, TEvent>(
    TState Initial,
    Func<TState, TEvent, TState> Evolve,
    Func<TCommand, TState, Decision<TEvent>> Decide)
{
    public TState Fold(IEnumerable<TEvent> events) => events.Aggregate(Initial, Evolve);
    public TState Fold(TState state, IEnumerable<TEvent> events) => events.Aggregate(state, Evolve);
}
