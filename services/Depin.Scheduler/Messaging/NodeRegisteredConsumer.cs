using Depin.Compute.Backends;
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
            (n.ProviderAccountId, n.Name, n.Region, n.Capabilities, n.PricePerUnit, n.Online, n.Slots) =
                (m.ProviderAccountId, m.Name, m.Region, [.. m.Capabilities], m.PricePerUnit, true, m.Slots ?? 1);
            n.Offers = m.Offers is { } offers
                ? [.. offers.Where(o => DeviceClasses.TryParse(o.DeviceClass, out _)).Select(o => new NodeOffer(DeviceClasses.ParseOrCpu(o.DeviceClass), o.PricePerUnit, o.GpuMemoryMiB))]
                : NodeOffer.CpuOnly(m.PricePerUnit);
            // A first registration says whether the node starts suspended (awaiting its stake); a later reputation report wins.
            if (m.Suspended is { } suspended && m.Version > n.ReputationVersion) (n.Suspended, n.ReputationVersion) = (suspended, m.Version);
            return n;
        }, context.CancellationToken));
        signal.Wake();
    }
}
