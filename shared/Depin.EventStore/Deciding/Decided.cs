namespace Depin.EventStore.Deciding;

/// <summary>The outcome of deciding on a loaded stream: the decision and the state after its events.</summary>
public sealed record Decided<TState, TEvent>(Decision<TEvent> Decision, TState Before, TState After, long Version);
