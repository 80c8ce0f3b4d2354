using Depin.Contracts.NodeRegistry;
using Depin.Scheduler.Nodes;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>The registry's reputation of a node, for ranking and trust; a suspended node gets no more work.</summary>
public sealed class NodeReputationChangedConsumer(InboxHandler inbox) : IConsumer<NodeReputationChanged>
{
    public Task Consume(ConsumeContext<NodeReputationChanged> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<NodeReputationChangedConsumer>(context, async session =>
        {
            var node = await session.LoadAsync<PlacementNode>(m.NodeId, context.CancellationToken) ?? new PlacementNode { Id = m.NodeId };
            if (node.ReputationVersion >= m.Version) return;
            (node.Reputation, node.AgreementStreak, node.Suspended, node.ReputationVersion) = (m.Score, m.AgreementStreak, m.Suspended, m.Version);
            session.Store(node);
        });
    }
}
