using Depin.Contracts.NodeRegistry;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Nodes;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>
/// The registry's reputation of a node, for ranking and trust; a suspended node gets no more work.
/// A node reinstated (its stake topped up) wakes placement, so jobs waiting for it need not wait for the next sweep.
/// </summary>
public sealed class NodeReputationChangedConsumer(InboxHandler inbox, PlacementSignal signal) : IConsumer<NodeReputationChanged>
{
    public async Task Consume(ConsumeContext<NodeReputationChanged> context)
    {
        var m = context.Message;
        var reinstated = false;
        await inbox.HandleAsync<NodeReputationChangedConsumer>(context, session =>
            PlacementNodes.ApplyIfNewerAsync(session, m.NodeId, m.Version, n => n.ReputationVersion, n =>
            {
                reinstated = n.Suspended && !m.Suspended;
                (n.Reputation, n.AgreementStreak, n.Suspended, n.ReputationVersion) = (m.Score, m.AgreementStreak, m.Suspended, m.Version);
                return n;
            }, context.CancellationToken));
        if (reinstated) signal.Wake();
    }
}
