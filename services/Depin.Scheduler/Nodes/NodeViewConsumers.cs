using Depin.Contracts.NodeRegistry;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Nodes;

// Each update carries the node stream's version; an older update never overwrites a newer one.

public sealed class NodeRegisteredConsumer(InboxHandler inbox, PlacementSignal signal) : IConsumer<NodeRegistered>
{
    public async Task Consume(ConsumeContext<NodeRegistered> context)
    {
        var m = context.Message;
        await inbox.HandleAsync<NodeRegisteredConsumer>(context, session =>
        {
            session.QueueSql("""
                insert into nodes (node_id, provider_account_id, name, region, capabilities, price_per_unit, online, draining, version)
                values ($1, $2, $3, $4, $5, $6, true, false, $7)
                on conflict (node_id) do update set name = excluded.name, region = excluded.region, capabilities = excluded.capabilities,
                    price_per_unit = excluded.price_per_unit, online = true, version = excluded.version
                where nodes.version < excluded.version
                """, m.NodeId, m.ProviderAccountId, m.Name, m.Region, m.Capabilities.ToArray(), m.PricePerUnit, m.Version);
            return Task.CompletedTask;
        });
        signal.Wake();
    }
}

public sealed class NodeCameOnlineConsumer(InboxHandler inbox, PlacementSignal signal) : IConsumer<NodeCameOnline>
{
    public async Task Consume(ConsumeContext<NodeCameOnline> context)
    {
        await inbox.HandleAsync<NodeCameOnlineConsumer>(context, session =>
        {
            session.QueueSql("update nodes set online = true, version = $2 where node_id = $1 and version < $2", context.Message.NodeId, context.Message.Version);
            return Task.CompletedTask;
        });
        signal.Wake();
    }
}

public sealed class NodeDrainedConsumer(InboxHandler inbox) : IConsumer<NodeDrained>
{
    public Task Consume(ConsumeContext<NodeDrained> context) =>
        inbox.HandleAsync<NodeDrainedConsumer>(context, session =>
        {
            session.QueueSql("update nodes set draining = true, version = $2 where node_id = $1 and version < $2", context.Message.NodeId, context.Message.Version);
            return Task.CompletedTask;
        });
}

/// <summary>An offline node loses the attempts it holds at once, rather than when their leases run out.</summary>
public sealed class NodeWentOfflineConsumer(InboxHandler inbox, NodeView nodes, JobCommandRunner jobs, PlacementSignal signal, TimeProvider time)
    : IConsumer<NodeWentOffline>
{
    public async Task Consume(ConsumeContext<NodeWentOffline> context)
    {
        var m = context.Message;
        await inbox.HandleAsync<NodeWentOfflineConsumer>(context, session =>
        {
            session.QueueSql("update nodes set online = false, version = $2 where node_id = $1 and version < $2", m.NodeId, m.Version);
            return Task.CompletedTask;
        });
        foreach (var jobId in await nodes.JobsHeldByAsync(m.NodeId, context.CancellationToken))
            await jobs.RunAsync(jobId, new LoseAttempt(m.NodeId, null, "the node went offline", time.GetUtcNow()), context.CorrelationId, context.CancellationToken);
        signal.Wake();
    }
}
