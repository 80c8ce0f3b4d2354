using System.Collections.Concurrent;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// The events whose messages were published the moment their commit returned (<see cref="PublishOnCommit"/>), each with
/// the publish's outcome, so that the relay, reaching them in the log, leaves out those the broker confirmed and publishes
/// the rest itself. Only a confirmed publish is left out, so what the relay skips has reached the broker; an event the relay
/// reaches before its entry was added is published twice under one message id, which consumers' inboxes drop. Entries the
/// relay never takes (it had passed them, or their transaction was rolled back after all) are forgotten after a while.
/// </summary>
public sealed class PublishedOnCommit(TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Entry> _events = new();
    private long _prunedAt = time.GetTimestamp();

    /// <summary>How long an entry waits for the relay: far longer than its polling, so only entries it passed are forgotten.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(2);

    private readonly record struct Entry(Task<bool> Published, long At);

    public int Count => _events.Count;

    public void Add(Guid eventId, Task<bool> published) => _events[eventId] = new Entry(published, time.GetTimestamp());

    /// <summary>True when the event's messages were published on commit and the broker confirmed them: the relay leaves it out.</summary>
    public async ValueTask<bool> TakeAsync(Guid eventId) =>
        _events.TryRemove(eventId, out var entry) && await entry.Published;

    /// <summary>Forgets the entries older than <see cref="KeptFor"/>; looks at most once per that period.</summary>
    public void Prune()
    {
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(Volatile.Read(ref _prunedAt), now) < KeptFor) return;
        Volatile.Write(ref _prunedAt, now);
        foreach (var (id, entry) in _events)
            if (entry.Published.IsCompleted && time.GetElapsedTime(entry.At, now) >= KeptFor) _events.TryRemove(id, out _);
    }
}
