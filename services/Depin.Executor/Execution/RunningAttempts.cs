using System.Collections.Concurrent;

namespace Depin.Executor.Execution;

/// <summary>
/// The attempts this node is running, each with a token the scheduler's StopJob cancels. A stop for an attempt not running
/// yet (its ExecuteJob still queued behind busy slots) is remembered for <see cref="Remember"/>, so the attempt is skipped when
/// it arrives; a stop for one already finished changes nothing.
/// </summary>
public sealed class RunningAttempts(TimeProvider time)
{
    /// <summary>How long an early stop is remembered: longer than any attempt waits in its queue (its lease is over by then).</summary>
    public static readonly TimeSpan Remember = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(Guid JobId, int Attempt), CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<(Guid JobId, int Attempt), DateTimeOffset> _stopped = new();

    public int Count => _running.Count;

    /// <summary>
    /// Starts tracking an attempt; the returned source is cancelled by a stop and must be disposed by the caller (through
    /// <see cref="Finish"/>). Null when the attempt was stopped before it started: then it is not to run at all.
    /// </summary>
    public CancellationTokenSource? Begin(Guid jobId, int attempt, CancellationToken linked)
    {
        if (_stopped.ContainsKey((jobId, attempt))) return null;
        var source = CancellationTokenSource.CreateLinkedTokenSource(linked);
        _running[(jobId, attempt)] = source;
        // A stop that landed between the check above and the registration must still win.
        if (_stopped.ContainsKey((jobId, attempt))) source.Cancel();
        return source;
    }

    public void Finish(Guid jobId, int attempt)
    {
        if (_running.TryRemove((jobId, attempt), out var source)) source.Dispose();
    }

    /// <summary>Whether this attempt was stopped by the scheduler (as opposed to cancelled by the node shutting down).</summary>
    public bool WasStopped(Guid jobId, int attempt) => _stopped.ContainsKey((jobId, attempt));

    /// <summary>Stops the attempt if it runs, and remembers the stop either way. True when it was running.</summary>
    public bool Stop(Guid jobId, int attempt)
    {
        var now = time.GetUtcNow();
        _stopped[(jobId, attempt)] = now;
        Forget(now - Remember);
        if (!_running.TryGetValue((jobId, attempt), out var source)) return false;
        try { source.Cancel(); }
        catch (ObjectDisposedException) { return false; }   // it finished as the stop arrived
        return true;
    }

    private void Forget(DateTimeOffset before)
    {
        foreach (var (key, at) in _stopped)
            if (at < before) _stopped.TryRemove(key, out _);
    }
}
