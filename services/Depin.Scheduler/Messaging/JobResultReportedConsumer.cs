using Depin.Compute.Backends;
using Depin.Contracts.Executor;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>
/// A result completes its attempt. It wakes the sweeper only when a replicated job now needs another replica (its results
/// disagree): jobs are placed when funded, and a finished job frees no slot another job waits for (woken after every
/// batch, the sweeper's queue query was 30 a second at 50 jobs/s, for nothing).
/// </summary>
public sealed class JobResultReportedConsumer(JobCommandRunner jobs, PlacementSignal signal, TimeProvider time) : IConsumer<Batch<JobResultReported>>
{
    public async Task Consume(ConsumeContext<Batch<JobResultReported>> context)
    {
        var needsAnother = false;
        await jobs.FromBatchAsync<JobResultReportedConsumer, JobResultReported>(context, m => m.JobId, round => c =>
        {
            var m = c.Message;
            var decided = round.Decide(m.JobId,
                [new RecordResult(m.NodeId, m.Attempt, m.ResultHash, m.ResultJson, m.Units, DeviceClasses.ParseOrCpu(m.DeviceClass), time.GetUtcNow())]);
            needsAnother |= decided.After.ToPlace > 0;
            return Task.CompletedTask;
        });
        if (needsAnother) signal.Wake();
    }
}

public sealed class JobResultReportedConsumerDefinition : InboxBatchDefinition<JobResultReportedConsumer>;
