using Depin.Compute.Backends;
using Depin.Contracts.Executor;
using Depin.Scheduler.Jobs;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>
/// A result completes its attempt. It does not wake the sweeper: jobs are placed when funded, and a finished job
/// frees no slot another job waits for (woken after every batch, the sweeper's queue query was 30 a second at 50
/// jobs/s, for nothing).
/// </summary>
public sealed class JobResultReportedConsumer(JobCommandRunner jobs, TimeProvider time) : IConsumer<Batch<JobResultReported>>
{
    public Task Consume(ConsumeContext<Batch<JobResultReported>> context) =>
        jobs.FromBatchAsync<JobResultReportedConsumer, JobResultReported>(context, m => m.JobId, round => c =>
        {
            var m = c.Message;
            round.Decide(m.JobId, [new RecordResult(m.NodeId, m.Attempt, m.ResultHash, m.ResultJson, m.Units, DeviceClasses.ParseOrCpu(m.DeviceClass), time.GetUtcNow())]);
            return Task.CompletedTask;
        });
}

public sealed class JobResultReportedConsumerDefinition : InboxBatchDefinition<JobResultReportedConsumer>;
