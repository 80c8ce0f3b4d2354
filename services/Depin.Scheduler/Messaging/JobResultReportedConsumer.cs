using Depin.Compute.Backends;
using Depin.Contracts.Executor;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Scheduler.Messaging;

/// <summary>
/// A result completes its attempt. It wakes the sweeper when a replicated job now needs another replica (its results
/// disagree), or when its attempt freed a slot that queued jobs wait for (<see cref="PlacementSignal.SlotsWanted"/>).
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
                [new RecordResult(m.NodeId, m.Attempt, m.ResultHash, m.ResultJson, m.Units, DeviceClasses.ParseOrCpu(m.DeviceClass), time.GetUtcNow(),
                    m.ElapsedSeconds)]);
            needsAnother |= decided.After.ToPlace > 0;
            return Task.CompletedTask;
        });
        if (needsAnother) signal.Wake();
        else signal.SlotFreed();
    }
}

public sealed class JobResultReportedConsumerDefinition : InboxBatchDefinition<JobResultReportedConsumer, JobResultReported>;
