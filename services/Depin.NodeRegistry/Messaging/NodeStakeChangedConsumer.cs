using Depin.Contracts.Billing;
using Depin.EventSourcing.Deciding;
using Depin.NodeRegistry.Nodes;
using Depin.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Depin.NodeRegistry.Messaging;

/// <summary>
/// Billing's report of a node's bonded stake: recorded in the node's stream, and weighed against `Registry:MinimumStake`
/// (suspended under it, reinstated back at it). An older report than one recorded, or a redelivered one, changes nothing.
/// </summary>
public sealed partial class NodeStakeChangedConsumer(InboxHandler inbox, IOptions<RegistryOptions> options, TimeProvider time,
    ILogger<NodeStakeChangedConsumer> logger) : IConsumer<Batch<NodeStakeChanged>>
{
    public Task Consume(ConsumeContext<Batch<NodeStakeChanged>> context) =>
        inbox.DecideBatchAsync<NodeStakeChangedConsumer, NodeStakeChanged, Node, INodeCommand, INodeEvent>(context, NodeDecider.Decider,
            m => NodeDecider.StreamId(m.NodeId), Locking.Exclusive,
            m => new RecordStake(m.Bonded, m.Version, options.Value.MinimumStake, time.GetUtcNow()),
            (m, decided) =>
            {
                if (decided.Decision.Rejection is { } rejection) LogIgnored(m.NodeId, rejection.Detail);
                if (decided.Decision.Events.OfType<NodeSuspended>().FirstOrDefault() is { } suspended) LogSuspended(m.NodeId, suspended.Reason);
                if (decided.Decision.Events.OfType<NodeReinstated>().FirstOrDefault() is { } reinstated) LogReinstated(m.NodeId, reinstated.Reason);
            });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stake report on node {NodeId} ignored: {Reason}")]
    private partial void LogIgnored(Guid nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} suspended: {Reason}")]
    private partial void LogSuspended(Guid nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} reinstated: {Reason}")]
    private partial void LogReinstated(Guid nodeId, string reason);
}

public sealed class NodeStakeChangedConsumerDefinition : InboxBatchDefinition<NodeStakeChangedConsumer, NodeStakeChanged>
{
    public override int ConcurrencyLimit => 1;
}
