using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs.Paying;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>Keeps billing's refund beside the job for the job view: the client paid nothing.</summary>
public sealed class HoldReleasedConsumer(InboxHandler inbox) : IConsumer<HoldReleased>
{
    public Task Consume(ConsumeContext<HoldReleased> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<HoldReleasedConsumer>(context, session =>
        {
            session.Store(JobPayment.Released(m.JobId, m.Amount));
            return Task.CompletedTask;
        });
    }
}
