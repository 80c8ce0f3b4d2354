using Depin.Contracts.Executor;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using MassTransit;

namespace Depin.Scheduler.Messaging;

public sealed class JobHandedBackConsumer(JobCommandRunner jobs, PlacementSignal signal, TimeProvider time) : IConsumer<JobHandedBack>
{
    public async Task Consume(ConsumeContext<JobHandedBack> context)
    {
        var m = context.Message;
        await jobs.FromMessageAsync<JobHandedBackConsumer>(context, m.JobId, new LoseAttempt(m.NodeId, m.Attempt, $"handed back: {m.Reason}", time.GetUtcNow(), LossCause.HandedBack));
        signal.Wake();
    }
}
