using Depin.Contracts.NodeRegistry;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Nodes;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

public sealed class NodeRegisteredConsumer(InboxHandler inbox, PlacementSignal signal) : IConsumer<NodeRegistered>
{
    public async Task Consume(ConsumeContext<NodeRegistered> context)
    {
        var m = context.Message;
        await inbox.HandleAsync<NodeRegisteredConsumer>(context, session => PlacementNodes.ApplyAsync(session, m.NodeId, m.Version, n =>
        {
            (n.ProviderAccountId, n.Name, n.Region, n.Capabilities, n.PricePerUnit, n.Online) =
                (m.ProviderAccountId, m.Name, m.Region, [.. m.Capabilities], m.PricePerUnit, true);
            return n;
        }, context.CancellationToken));
        signal.Wake();
    }
}
