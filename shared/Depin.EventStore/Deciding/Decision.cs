namespace Depin.EventStore.Deciding;

/// <summary>What a decider says to a command: events to append, nothing (already done), or a rejection with a reason.</summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, string? Rejection)
{
    public static readonly Decision<TEvent> Nothing = new([], null);
    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);
    public static Decision<TEvent> Reject(string reason) => new([], reason);
    public bool IsRejected => Rejection is not null;
}
