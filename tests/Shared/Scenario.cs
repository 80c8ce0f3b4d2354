using Depin.EventSourcing.Deciding;

namespace Depin.Testing;

/// <summary>Decider scenarios, shared by every decider test: given these events, when this command, then this decision.</summary>
public static class Scenario
{
    public static Decision<TEvent> When<TState, TCommand, TEvent>(this Decider<TState, TCommand, TEvent> decider, TCommand command, params TEvent[] given) =>
        decider.Decide(command, decider.Fold(given));
}
