using Depin.Compute.Backends;
using Depin.NodeRegistry.Nodes;
using Depin.ServiceDefaults.Messaging;
using JasperFx.Events;
using Wire = Depin.Contracts.NodeRegistry;

namespace Depin.NodeRegistry.Messaging;

/// <summary>Node events leave the registry with the stream version, so consumers can drop stale updates.</summary>
public sealed class IntegrationEventMap : IIntegrationEventMap
{
    public IEnumerable<OutgoingMessage> Map(IEvent recorded)
    {
        var nodeId = NodeDecider.IdOf(recorded.StreamKey!);
        object? message = recorded.Data switch
        {
            NodeRegistered e => new Wire.NodeRegistered(nodeId, e.ProviderAccountId, e.Name, e.Region, e.Capabilities, e.PricePerUnit, e.Stake, recorded.Version,
                Offers(e.Offers), e.Slots ?? 1, e.AwaitingStake),
            NodeUpdated e => new Wire.NodeRegistered(nodeId, e.ProviderAccountId, e.Name, e.Region, e.Capabilities, e.PricePerUnit, e.Stake, recorded.Version,
                Offers(e.Offers), e.Slots ?? 1),
            NodeVerdictRecorded e => new Wire.NodeReputationChanged(nodeId, recorded.Version, e.Score, e.AgreementStreak, e.Suspended, e.At),
            NodeStakeRecorded e => new Wire.NodeReputationChanged(nodeId, recorded.Version, e.Score, e.AgreementStreak, e.Suspended, e.At),
            // An operator's reinstatement stands alone; the scheduler hears it as a standing that is no longer suspended.
            NodeReinstated { ForReputation: true } e => new Wire.NodeReputationChanged(nodeId, recorded.Version, e.Score ?? Wire.NodeReputationChanged.Newcomer,
                e.AgreementStreak ?? 0, e.StillBarred ?? false, e.At),
            // Decided together with the verdict or stake report that caused it, whose message already says the node is suspended.
            NodeSuspended or NodeReinstated => null,
            NodeWentOffline e => new Wire.NodeWentOffline(nodeId, recorded.Version, e.At),
            NodeCameOnline e => new Wire.NodeCameOnline(nodeId, recorded.Version, e.At),
            NodeDrained e => new Wire.NodeDrained(nodeId, recorded.Version, e.At),
            _ => throw new InvalidOperationException($"No integration message for {recorded.EventTypeName}"),
        };
        return message is null ? [] : [new OutgoingMessage(message)];
    }

    private static List<Wire.DeviceOffer> Offers(IReadOnlyList<NodeOffer> offers) =>
        [.. offers.Select(o => new Wire.DeviceOffer(o.DeviceClass.Name(), o.PricePerUnit, o.GpuMemoryMiB))];
}
