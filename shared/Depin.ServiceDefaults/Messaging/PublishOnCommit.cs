using Marten;
using Marten.Services;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// Publishes a commit's messages as soon as the commit returns, instead of when the relay next reads the log: a job crosses
/// three relays, and waking the daemon on each commit cost a high-water check, a page read and a progress write per hop
/// (about a quarter of all statements at 50 jobs/s offered). The relay stays the guarantee (a crash between commit and
/// publish, or a failed publish, is caught up from the log) and now only polls. Active only in the instance that runs the
/// relay, which attaches itself: elsewhere the relay of the instance that does publishes these events.
/// </summary>
public sealed class PublishOnCommit : DocumentSessionListenerBase
{
    private IntegrationEventRelay? _relay;

    public void Attach(IntegrationEventRelay relay) => _relay = relay;

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (_relay is { } relay)
            foreach (var e in commit.GetEvents()) relay.PublishCommitted(e);
        return Task.CompletedTask;
    }
}
