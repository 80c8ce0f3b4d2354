namespace Depin.EventSourcing.Deciding;

/// <summary>Why a command was refused: a code the edge maps to a status, and a detail for people.</summary>
public sealed record Rejection(RejectionCode Code, string Detail);

/// <summary>The kinds of refusal; HTTP status is chosen from these, never from the wording of a detail.</summary>
public enum RejectionCode { Invalid, NotFound, Forbidden, Conflict }

/// <summary>What a decider says to a command: events to append, nothing (already done), or a rejection.</summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, Rejection? Rejection)
{
    public static readonly Decision<TEvent> Nothing = new([], null);
    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);
    public static Decision<TEvent> Reject(RejectionCode code, string detail) => new([], new Rejection(code, detail));
    public bool IsRejected => Rejection is not null;
}
