namespace Depin.EventSourcing.Deciding;

/// <summary>The outcome of deciding on a loaded stream: the decision, the state before and after its events, and the stream version after.</summary>
public sealed record Decided<TState, TEvent>(Decision<TEvent> Decision, TState Before, TState After, long Version);
