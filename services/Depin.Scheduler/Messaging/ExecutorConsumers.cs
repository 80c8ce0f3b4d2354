using Depin.Contracts.Executor;
using Depin.Scheduler.Jobs;
using JobStarted = Depin.Contracts.Executor.JobStarted;
using JobProgressed = Depin.Contracts.Executor.JobProgressed;
using Depin.Scheduler.Jobs.Placing;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Messaging;

// Reports name the attempt they belong to; a report of an attempt the job no longer holds changes nothing.

public sealed class JobStartedConsumer(JobCommandRunner jobs, IOptions<SchedulerOptions> options, TimeProvider time) : IConsumer<JobStarted>
{
    public Task Consume(ConsumeContext<JobStarted> context) =>
        jobs.FromMessageAsync<JobStartedConsumer>(context, context.Message.JobId,
            new RecordStarted(context.Message.NodeId, context.Message.Attempt, options.Value.Lease, time.GetUtcNow()));
}

public sealed class JobProgressedConsumer(JobCommandRunner jobs, IOptions<SchedulerOptions> options, TimeProvider time) : IConsumer<JobProgressed>
{
    public Task Consume(ConsumeContext<JobProgressed> context) =>
        jobs.FromMessageAsync<JobProgressedConsumer>(context, context.Message.JobId,
            new RecordProgress(context.Message.NodeId, context.Message.Attempt, context.Message.Fraction, options.Value.Lease, time.GetUtcNow()));
}

public sealed class JobResultReportedConsumer(JobCommandRunner jobs, TimeProvider time) : IConsumer<JobResultReported>
{
    public Task Consume(ConsumeContext<JobResultReported> context)
    {
        var m = context.Message;
        return jobs.FromMessageAsync<JobResultReportedConsumer>(context, m.JobId,
            new RecordResult(m.NodeId, m.Attempt, m.ResultHash, m.ResultJson, m.Units, time.GetUtcNow()));
    }
}

public sealed class JobHandedBackConsumer(JobCommandRunner jobs, PlacementSignal signal, TimeProvider time) : IConsumer<JobHandedBack>
{
    public async Task Consume(ConsumeContext<JobHandedBack> context)
    {
        var m = context.Message;
        await jobs.FromMessageAsync<JobHandedBackConsumer>(context, m.JobId, new LoseAttempt(m.NodeId, m.Attempt, $"handed back: {m.Reason}", time.GetUtcNow()));
        signal.Wake();
    }
}
