using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>The job fails: billing held nothing for it (its money, all zero, is billing's to show).</summary>
public sealed class FundsRejectedConsumer(JobCommandRunner jobs, TimeProvider time) : IConsumer<FundsRejected>
{
    public Task Consume(ConsumeContext<FundsRejected> context)
    {
        var m = context.Message;
        return jobs.FromMessageAsync<FundsRejectedConsumer>(context, m.JobId, new RecordFundsRejected(m.Reason, time.GetUtcNow()));
    }
}
