using Depin.Contracts.NodeRegistry;
using Depin.Scheduler.Nodes;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

public sealed class NodeDrainedConsumer(InboxHandler inbox) : IConsumer<NodeDrained>
{
    public Task Consume(ConsumeContext<NodeDrained> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<NodeDrainedConsumer>(context, session =>
            PlacementNodes.ApplyAsync(session, m.NodeId, m.Version, n => { n.Draining = true; return n; }, context.CancellationToken));
    }
}
