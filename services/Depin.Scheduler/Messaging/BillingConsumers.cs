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

public sealed class FundsRejectedConsumer(JobCommandRunner jobs, TimeProvider time) : IConsumer<FundsRejected>
{
    public Task Consume(ConsumeContext<FundsRejected> context) =>
        jobs.FromMessageAsync<FundsRejectedConsumer>(context, context.Message.JobId, new RecordFundsRejected(context.Message.Reason, time.GetUtcNow()));
}

public sealed class PaymentSettledConsumer(JobCommandRunner jobs, TimeProvider time) : IConsumer<PaymentSettled>
{
    public Task Consume(ConsumeContext<PaymentSettled> context)
    {
        var m = context.Message;
        return jobs.FromMessageAsync<PaymentSettledConsumer>(context, m.JobId, new RecordSettlement(m.Charged, m.ProviderAmount, m.Fee, m.Released, time.GetUtcNow()));
    }
}

public sealed class HoldReleasedConsumer(JobCommandRunner jobs, TimeProvider time) : IConsumer<HoldReleased>
{
    public Task Consume(ConsumeContext<HoldReleased> context) =>
        jobs.FromMessageAsync<HoldReleasedConsumer>(context, context.Message.JobId, new RecordRefund(context.Message.Amount, time.GetUtcNow()));
}
