using Depin.Billing.Stakes;
using Depin.Contracts.Scheduler;
using Depin.EventSourcing.Deciding;
using Depin.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Depin.Billing.Messaging;

/// <summary>
/// A wrong-result verdict is the evidence for slashing: billing takes `Billing:SlashBasisPoints` of the node's stake and splits
/// it between the harmed client and the treasury, recording the verdict id with the entry. Each verdict slashes at most once
/// (the stake remembers the verdicts it applied). Other outcomes move no money here.
/// </summary>
public sealed partial class NodeVerdictConsumer(InboxHandler inbox, IOptions<BillingOptions> options, TimeProvider time, ILogger<NodeVerdictConsumer> logger)
    : IConsumer<Batch<NodeVerdict>>
{
    public Task Consume(ConsumeContext<Batch<NodeVerdict>> context) =>
        inbox.HandleBatchAsync<NodeVerdictConsumer, NodeVerdict>(context, WritesTo, async (session, messages) =>
        {
            var wrong = messages.Where(c => c.Message.Outcome == NodeVerdicts.WrongResult).Select(c => StakeDecider.StreamId(c.Message.NodeId));
            var stakes = await session.FetchManyForWritingAsync<NodeStake>(wrong, Locking.Optimistic, context.CancellationToken);
            return c =>
            {
                var m = c.Message;
                if (m.Outcome != NodeVerdicts.WrongResult) return Task.CompletedTask;
                var o = options.Value;
                var decided = stakes[StakeDecider.StreamId(m.NodeId)].Decide(StakeDecider.Decider,
                    [new SlashStake(m.NodeId, m.VerdictId, m.JobId, m.ClientAccountId, m.Reason, o.SlashBasisPoints, o.SlashToClientBasisPoints, time.GetUtcNow())]);
                if (decided.Decision.Rejection is { } rejection) LogNotSlashed(m.VerdictId, m.NodeId, rejection.Detail);
                if (decided.Decision.Events is [StakeSlashed slashed]) LogSlashed(m.NodeId, slashed.Amount, slashed.ToClient, slashed.ToTreasury, m.VerdictId);
                return Task.CompletedTask;
            };
        });

    /// <summary>
    /// The stream a verdict writes: its node's stake for a wrong result. Any other writes none, so it is keyed by itself and
    /// never splits a batch into extra transactions (the inbox writes a stream once per transaction).
    /// </summary>
    private static string WritesTo(NodeVerdict m) => m.Outcome == NodeVerdicts.WrongResult ? StakeDecider.StreamId(m.NodeId) : "verdict-" + m.VerdictId;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} slashed {Amount} ({ToClient} to the client, {ToTreasury} to the treasury) for verdict {VerdictId}")]
    private partial void LogSlashed(Guid nodeId, long amount, long toClient, long toTreasury, Guid verdictId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verdict {VerdictId} slashed nothing of node {NodeId}: {Reason}")]
    private partial void LogNotSlashed(Guid verdictId, Guid nodeId, string reason);
}

public sealed class NodeVerdictConsumerDefinition : InboxBatchDefinition<NodeVerdictConsumer, NodeVerdict>;
