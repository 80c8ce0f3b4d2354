using Depin.Billing.Holds;
using Depin.Contracts.Scheduler;
using Depin.EventSourcing.Deciding;
using Depin.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Depin.Billing.Messaging;

/// <summary>
/// Settlement posts the job's hold: one event on the job's own hold stream, whose ledger entry charges the
/// client and credits the provider (each agreeing replica's, for a replicated job) and the treasury. Credits append to no account stream, so any number of
/// jobs may pay the same provider at once.
/// </summary>
public sealed partial class JobCompletedConsumer(InboxHandler inbox, IOptions<BillingOptions> options, TimeProvider time, ILogger<JobCompletedConsumer> logger)
    : IConsumer<Batch<JobCompleted>>
{
    public Task Consume(ConsumeContext<Batch<JobCompleted>> context) =>
        inbox.DecideBatchAsync<JobCompletedConsumer, JobCompleted, Hold, IHoldCommand, IHoldEvent>(context, HoldDecider.Decider,
            m => HoldDecider.StreamId(m.JobId), Locking.Optimistic,
            m => new SettleHold(m.JobId, m.Cost, m.ProviderAccountId, options.Value.ProtocolFeeBasisPoints, time.GetUtcNow(),
                m.Replicas?.Select(r => new ReplicaCost(r.NodeId, r.ProviderAccountId, r.Cost)).ToList()),
            (m, decided) =>
            {
                if (decided.Decision.Rejection is { } rejection) LogNotSettled(m.JobId, rejection.Detail);
                if (decided.Decision.Events is [HoldSettled e]) LogSettled(m.JobId, e.Charged, e.ProviderAmount, e.Fee, e.Released);
            });

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} settled: charged {Charged}, provider {ProviderAmount}, fee {Fee}, released {Released}")]
    private partial void LogSettled(Guid jobId, long charged, long providerAmount, long fee, long released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} not settled: {Reason}")]
    private partial void LogNotSettled(Guid jobId, string reason);
}

public sealed class JobCompletedConsumerDefinition : InboxBatchDefinition<JobCompletedConsumer, JobCompleted>;
