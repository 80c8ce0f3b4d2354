using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Messaging;

/// <summary>
/// A funded job is placed in the same transaction that records its funds, so it reaches a node without waiting
/// for a sweep (one job-stream write and one hop fewer per job). A job no node can take stays queued for the sweeper.
/// </summary>
public sealed class FundsReservedConsumer(JobCommandRunner jobs, PlacementSignal signal, IOptions<SchedulerOptions> options, TimeProvider time)
    : IConsumer<Batch<FundsReserved>>
{
    public async Task Consume(ConsumeContext<Batch<FundsReserved>> context)
    {
        var ct = context.CancellationToken;
        var leftQueued = false;
        await jobs.FromBatchAsync<FundsReservedConsumer, FundsReserved>(context, m => m.JobId, round =>
        {
            var placement = new PlacementRound(round.Session, options.Value);
            return async c =>
            {
                var now = time.GetUtcNow();
                var decided = round.Decide(c.Message.JobId, [new RecordFundsReserved(c.Message.Amount, now), await placement.PlaceJobAsync(now, ct)]);
                placement.Count(decided);
                leftQueued |= decided.After.Status == JobStatus.Queued;
            };
        });
        if (leftQueued) signal.Wake();
    }
}

public sealed class FundsReservedConsumerDefinition : InboxBatchDefinition<FundsReservedConsumer, FundsReserved>;
