using Depin.Contracts.NodeRegistry;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Nodes;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

public sealed class NodeCameOnlineConsumer(InboxHandler inbox, PlacementSignal signal) : IConsumer<NodeCameOnline>
{
    public async Task Consume(ConsumeContext<NodeCameOnline> context)
    {
        var m = context.Message;
        await inbox.HandleAsync<NodeCameOnlineConsumer>(context, session =>
            PlacementNodes.ApplyAsync(session, m.NodeId, m.Version, n => { n.Online = true; return n; }, context.CancellationToken));
        signal.Wake();
    }
}
