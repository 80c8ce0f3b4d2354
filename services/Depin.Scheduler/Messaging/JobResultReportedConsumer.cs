using Depin.Contracts.Executor;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

public sealed class JobResultReportedConsumer(JobCommandRunner jobs, PlacementSignal signal, TimeProvider time) : IConsumer<Batch<JobResultReported>>
{
    public async Task Consume(ConsumeContext<Batch<JobResultReported>> context)
    {
        var ct = context.CancellationToken;
        await jobs.FromBatchAsync<JobResultReportedConsumer, JobResultReported>(context, m => m.JobId, session => async c =>
        {
            var m = c.Message;
            await jobs.DecideAsync(session, m.JobId, [new RecordResult(m.NodeId, m.Attempt, m.ResultHash, m.ResultJson, m.Units, time.GetUtcNow())], ct);
        });
        signal.Wake();   // the nodes have free slots
    }
}

public sealed class JobResultReportedConsumerDefinition : InboxBatchDefinition<JobResultReportedConsumer>;
