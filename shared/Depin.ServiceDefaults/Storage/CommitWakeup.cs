using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Services;

namespace Depin.ServiceDefaults.Storage;

/// <summary>
/// Wakes this service's daemon the moment one of its own sessions commits events, so the outbox relay publishes
/// them at once instead of at the next poll. Measured at 50 jobs/s offered: a job crosses three relays, and with
/// polling alone each waited up to the idle interval, because at that rate about every other poll finds nothing
/// new and the daemon drops to idle polling. Polling stays as the safety net for events another instance
/// appended. In process and per store, unlike Marten's LISTEN/NOTIFY, whose one channel per database woke every
/// service's daemon on every append.
/// </summary>
public sealed class CommitWakeup : DocumentSessionListenerBase, IDaemonWakeup
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public Task WaitAsync(TimeSpan timeout, CancellationToken token) => _signal.WaitAsync(timeout, token);

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any()) Signal();
        return Task.CompletedTask;
    }

    /// <summary>Latches: a commit while the daemon is busy wakes its next wait.</summary>
    private void Signal()
    {
        if (_signal.CurrentCount > 0) return;
        try { _signal.Release(); }
        catch (SemaphoreFullException) { }   // another commit latched it first
    }

    public void Dispose() => _signal.Dispose();
}
