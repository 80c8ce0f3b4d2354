using Depin.Contracts.Billing;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using MassTransit;

namespace Depin.Scheduler.Messaging;

public sealed class FundsReservedConsumer(JobCommandRunner jobs, PlacementSignal signal, TimeProvider time) : IConsumer<FundsReserved>
{
    public async Task Consume(ConsumeContext<FundsReserved> context)
    {
        await jobs.FromMessageAsync<FundsReservedConsumer>(context, context.Message.JobId, new RecordFundsReserved(context.Message.Amount, time.GetUtcNow()));
        signal.Wake();
    }
}
