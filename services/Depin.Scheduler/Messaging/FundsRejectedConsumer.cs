using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs;
using MassTransit;

namespace Depin.Scheduler.Messaging;

public sealed class FundsRejectedConsumer(JobCommandRunner jobs, TimeProvider time) : IConsumer<FundsRejected>
{
    public Task Consume(ConsumeContext<FundsRejected> context) =>
        jobs.FromMessageAsync<FundsRejectedConsumer>(context, context.Message.JobId, new RecordFundsRejected(context.Message.Reason, time.GetUtcNow()));
}
