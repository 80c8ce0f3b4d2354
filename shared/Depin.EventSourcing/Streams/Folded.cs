namespace Depin.EventSourcing.Streams;

/// <summary>
/// A decider's state as Marten sees it: a document keyed by the stream key. Marten aggregates it live
/// (<see cref="DeciderProjection{TState,TCommand,TEvent}"/>), so FetchForWriting can load, check and append
/// while the state types stay plain immutable records.
/// </summary>
public sealed class Folded<TState>
{
    public string Id { get; set; } = "";
    public TState State { get; set; } = default!;
}
