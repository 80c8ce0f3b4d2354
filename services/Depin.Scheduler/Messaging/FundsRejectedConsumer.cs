using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Paying;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>The job fails, and billing's word that nothing was held is its money: all zero, so no anomaly view waits for more.</summary>
public sealed class FundsRejectedConsumer(JobCommandRunner jobs, TimeProvider time) : IConsumer<FundsRejected>
{
    public Task Consume(ConsumeContext<FundsRejected> context)
    {
        var m = context.Message;
        return jobs.FromMessageAsync<FundsRejectedConsumer>(context, m.JobId, new RecordFundsRejected(m.Reason, time.GetUtcNow()),
            session => session.Store(JobPayment.Released(m.JobId, 0)));
    }
}
