using Depin.Scheduler.Jobs;
using Microsoft.Extensions.Options;
using JobStarted = Depin.Contracts.Executor.JobStarted;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>Reports name the attempt they belong to; a report of an attempt the job no longer holds changes nothing.</summary>
public sealed class JobStartedConsumer(JobCommandRunner jobs, IOptions<SchedulerOptions> options, TimeProvider time) : IConsumer<JobStarted>
{
    public Task Consume(ConsumeContext<JobStarted> context) =>
        jobs.FromMessageAsync<JobStartedConsumer>(context, context.Message.JobId,
            new RecordStarted(context.Message.NodeId, context.Message.Attempt, options.Value.Lease, time.GetUtcNow()));
}
