using Depin.Billing.Stakes;
using Depin.Contracts.NodeRegistry;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Billing.Messaging;

/// <summary>
/// A registration's `stake` is what the provider wants bonded on the node: billing bonds what is missing from the provider's
/// available money (under its account's lock), or records the shortfall. An older registration than one already seen, or a
/// redelivered one, changes nothing.
/// </summary>
public sealed partial class NodeRegisteredConsumer(InboxHandler inbox, TimeProvider time, ILogger<NodeRegisteredConsumer> logger) : IConsumer<NodeRegistered>
{
    public Task Consume(ConsumeContext<NodeRegistered> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<NodeRegisteredConsumer>(context, async session =>
        {
            var decided = await StakeBonding.DecideAsync(session, m.NodeId, m.ProviderAccountId,
                available => new StakeForRegistration(m.NodeId, m.ProviderAccountId, m.Stake, m.Version, available, time.GetUtcNow()), context.CancellationToken);
            if (decided.Decision.Rejection is { } rejection) LogIgnored(m.NodeId, rejection.Detail);
            if (decided.Decision.Events is [StakeShortfall shortfall]) LogShortfall(m.NodeId, shortfall.Reason);
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registration of node {NodeId} ignored: {Reason}")]
    private partial void LogIgnored(Guid nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stake of node {NodeId} not bonded: {Reason}")]
    private partial void LogShortfall(Guid nodeId, string reason);
}
