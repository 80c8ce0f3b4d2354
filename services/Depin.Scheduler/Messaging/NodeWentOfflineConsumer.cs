using Depin.Contracts.NodeRegistry;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Jobs.Querying;
using Depin.Scheduler.Nodes;
using Depin.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>An offline node loses the attempts it holds at once, rather than when their leases run out.</summary>
public sealed class NodeWentOfflineConsumer(InboxHandler inbox, IDocumentStore store, JobCommandRunner jobs, PlacementSignal signal, TimeProvider time)
    : IConsumer<NodeWentOffline>
{
    public async Task Consume(ConsumeContext<NodeWentOffline> context)
    {
        var m = context.Message;
        await inbox.HandleAsync<NodeWentOfflineConsumer>(context, session =>
            PlacementNodes.ApplyAsync(session, m.NodeId, m.Version, n => { n.Online = false; return n; }, context.CancellationToken));
        await using var query = store.QuerySession();
        // Each loss carries its job's correlation id, not the registry's: it belongs to the job's story, and the
        // registry's message only says why.
        foreach (var job in await JobReader.HeldByAsync(query, m.NodeId, context.CancellationToken))
            await jobs.RunAsync(job.JobId, new LoseAttempt(m.NodeId, null, "the node went offline", time.GetUtcNow(), LossCause.NodeOffline),
                job.CorrelationOr(context.CorrelationId), context.CancellationToken);
        signal.Wake();
    }
}
