using Depin.Billing.Holds;
using Depin.Contracts.Scheduler;
using Depin.EventSourcing.Deciding;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Billing.Messaging;

/// <summary>A cancelled job's hold goes back whole, once; cancelled before its hold was placed, the hold is void for good.</summary>
public sealed class JobCancelledConsumer(InboxHandler inbox, TimeProvider time) : IConsumer<JobCancelled>
{
    public Task Consume(ConsumeContext<JobCancelled> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<JobCancelledConsumer>(context, session => session.DecideAsync(HoldDecider.StreamId(m.JobId), HoldDecider.Decider,
            new ReleaseHold(m.JobId, m.ClientAccountId, "job cancelled", time.GetUtcNow()), context.CancellationToken));
    }
}
