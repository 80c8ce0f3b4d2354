using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs.Paying;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>Keeps billing's settlement beside the job for the job view (a document, not a job event).</summary>
public sealed class PaymentSettledConsumer(InboxHandler inbox) : IConsumer<Batch<PaymentSettled>>
{
    public Task Consume(ConsumeContext<Batch<PaymentSettled>> context) =>
        inbox.HandleBatchAsync<PaymentSettledConsumer, PaymentSettled>(context, m => m.JobId.ToString(), session => c =>
        {
            var m = c.Message;
            session.Store(JobPayment.Settled(m.JobId, m.Charged, m.ProviderAmount, m.Fee, m.Released));
            return Task.CompletedTask;
        });
}

public sealed class PaymentSettledConsumerDefinition : InboxBatchDefinition<PaymentSettledConsumer, PaymentSettled>;
