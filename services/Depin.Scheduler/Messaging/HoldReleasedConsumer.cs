using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs.Paying;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>Keeps billing's refund beside the job for the job view: the client paid nothing.</summary>
public sealed class HoldReleasedConsumer(InboxHandler inbox) : IConsumer<Batch<HoldReleased>>
{
    public Task Consume(ConsumeContext<Batch<HoldReleased>> context) =>
        inbox.HandleBatchAsync<HoldReleasedConsumer, HoldReleased>(context, m => m.JobId.ToString(), session => c =>
        {
            session.Store(JobPayment.Released(c.Message.JobId, c.Message.Amount));
            return Task.CompletedTask;
        });
}

public sealed class HoldReleasedConsumerDefinition : InboxBatchDefinition<HoldReleasedConsumer, HoldReleased>;
