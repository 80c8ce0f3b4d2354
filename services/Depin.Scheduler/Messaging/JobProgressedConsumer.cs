using Depin.Scheduler.Jobs;
using Microsoft.Extensions.Options;
using JobProgressed = Depin.Contracts.Executor.JobProgressed;
using MassTransit;

namespace Depin.Scheduler.Messaging;

public sealed class JobProgressedConsumer(JobCommandRunner jobs, IOptions<SchedulerOptions> options, TimeProvider time) : IConsumer<JobProgressed>
{
    public Task Consume(ConsumeContext<JobProgressed> context) =>
        jobs.FromMessageAsync<JobProgressedConsumer>(context, context.Message.JobId,
            new RecordProgress(context.Message.NodeId, context.Message.Attempt, context.Message.Fraction, options.Value.Lease, time.GetUtcNow()));
}
