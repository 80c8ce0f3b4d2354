using Depin.Contracts.Scheduler;
using Depin.EventSourcing.Deciding;
using Depin.NodeRegistry.Nodes;
using Depin.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Depin.NodeRegistry.Messaging;

/// <summary>
/// The scheduler's verdicts become the nodes' reputations: each is one event in the node's stream (so a node's
/// reputation at any moment can be replayed), and one that takes it under the threshold suspends the node. A verdict
/// about a node the registry does not know, or of an outcome it does not know, changes nothing and is logged.
/// </summary>
public sealed partial class NodeVerdictConsumer(InboxHandler inbox, IOptions<RegistryOptions> options, TimeProvider time, ILogger<NodeVerdictConsumer> logger)
    : IConsumer<Batch<NodeVerdict>>
{
    public Task Consume(ConsumeContext<Batch<NodeVerdict>> context) =>
        inbox.DecideBatchAsync<NodeVerdictConsumer, NodeVerdict, Node, INodeCommand, INodeEvent>(context, NodeDecider.Decider,
            m => NodeDecider.StreamId(m.NodeId), Locking.Exclusive,
            m => new RecordVerdict(m.VerdictId, m.JobId, m.Outcome, m.Reason, options.Value.SuspendBelowReputation, time.GetUtcNow()),
            (m, decided) =>
            {
                if (decided.Decision.Rejection is { } rejection) LogIgnored(m.VerdictId, m.NodeId, rejection.Detail);
                if (decided.Decision.Events.OfType<NodeSuspended>().FirstOrDefault() is { } suspended) LogSuspended(m.NodeId, suspended.Reason);
            });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verdict {VerdictId} on node {NodeId} ignored: {Reason}")]
    private partial void LogIgnored(Guid verdictId, Guid nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} suspended: {Reason}")]
    private partial void LogSuspended(Guid nodeId, string reason);
}

/// <summary>One batch at a time: verdicts on one node queue behind each other under its stream's lock anyway.</summary>
public sealed class NodeVerdictConsumerDefinition : InboxBatchDefinition<NodeVerdictConsumer, NodeVerdict>
{
    public override int ConcurrencyLimit => 1;
}
