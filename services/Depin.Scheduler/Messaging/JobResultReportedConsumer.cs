using Depin.Contracts.Executor;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using MassTransit;

namespace Depin.Scheduler.Messaging;

public sealed class JobResultReportedConsumer(JobCommandRunner jobs, PlacementSignal signal, TimeProvider time) : IConsumer<JobResultReported>
{
    public async Task Consume(ConsumeContext<JobResultReported> context)
    {
        var m = context.Message;
        await jobs.FromMessageAsync<JobResultReportedConsumer>(context, m.JobId, new RecordResult(m.NodeId, m.Attempt, m.ResultHash, m.ResultJson, m.Units, time.GetUtcNow()));
        signal.Wake();   // the node has a free slot
    }
}
