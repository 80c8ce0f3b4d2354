using Depin.Billing.Holds;
using Depin.Contracts.Scheduler;
using Depin.EventSourcing.Deciding;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Billing.Messaging;

/// <summary>A failed job's hold goes back whole (void), once.</summary>
public sealed class JobFailedConsumer(InboxHandler inbox, TimeProvider time) : IConsumer<JobFailed>
{
    public Task Consume(ConsumeContext<JobFailed> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<JobFailedConsumer>(context, session => session.DecideAsync(HoldDecider.StreamId(m.JobId), HoldDecider.Decider,
            new ReleaseHold(m.JobId, m.ClientAccountId, $"job failed: {m.Reason}", time.GetUtcNow()), context.CancellationToken));
    }
}
