using Depin.Billing.Accounts;
using AccountOpened = Depin.Contracts.Gateway.AccountOpened;
using Depin.Contracts.Scheduler;
using Depin.EventStore;
using Depin.EventStore.Deciding;
using Depin.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Depin.Billing.Messaging;

public sealed class AccountOpenedConsumer(InboxHandler inbox, TimeProvider time) : IConsumer<AccountOpened>
{
    public Task Consume(ConsumeContext<AccountOpened> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<AccountOpenedConsumer>(context, session =>
            session.DecideAsync(AccountDecider.StreamId(m.AccountId), AccountDecider.Decider, new OpenAccount(m.AccountId, m.Name, m.Role, time.GetUtcNow()), context.CancellationToken));
    }
}

/// <summary>Escrow: hold the job's maximum cost, or reject it (the rejection is an event, so the scheduler hears of it).</summary>
public sealed class JobSubmittedConsumer(InboxHandler inbox, TimeProvider time) : IConsumer<JobSubmitted>
{
    public Task Consume(ConsumeContext<JobSubmitted> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<JobSubmittedConsumer>(context, session =>
            session.DecideAsync(AccountDecider.StreamId(m.ClientAccountId), AccountDecider.Decider, new PlaceHold(m.JobId, m.MaxCost, time.GetUtcNow()), context.CancellationToken));
    }
}

/// <summary>Settlement: the client's hold pays the provider and the protocol fee and the rest goes back, all in one transaction.</summary>
public sealed partial class JobCompletedConsumer(InboxHandler inbox, IOptions<BillingOptions> options, TimeProvider time, ILogger<JobCompletedConsumer> logger)
    : IConsumer<JobCompleted>
{
    public Task Consume(ConsumeContext<JobCompleted> context)
    {
        var m = context.Message;
        var now = time.GetUtcNow();
        return inbox.HandleAsync<JobCompletedConsumer>(context, async session =>
        {
            var settled = await session.DecideAsync(AccountDecider.StreamId(m.ClientAccountId), AccountDecider.Decider,
                new SettleHold(m.JobId, m.Cost, m.ProviderAccountId, options.Value.ProtocolFeeBasisPoints, now), context.CancellationToken);
            if (settled.Decision.Rejection is { } reason) LogNotSettled(m.JobId, reason);
            if (settled.Decision.Events.OfType<HoldSettled>().FirstOrDefault() is not { } e) return;
            await Credit(session, m.ProviderAccountId, new CreditEarnings(m.JobId, m.ClientAccountId, e.ProviderAmount, now), context.CancellationToken);
            if (e.Fee > 0)
                await Credit(session, AccountDecider.ProtocolAccountId, new CollectFee(m.JobId, e.Fee, now), context.CancellationToken);
            LogSettled(m.JobId, e.Charged, e.ProviderAmount, e.Fee, e.Released);
        });
    }

    private static Task Credit(EventSession session, Guid account, IAccountCommand command, CancellationToken ct) =>
        session.DecideAsync(AccountDecider.StreamId(account), AccountDecider.Decider, command, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} settled: charged {Charged}, provider {ProviderAmount}, fee {Fee}, released {Released}")]
    private partial void LogSettled(Guid jobId, long charged, long providerAmount, long fee, long released);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} not settled: {Reason}")]
    private partial void LogNotSettled(Guid jobId, string reason);
}

public sealed class JobFailedConsumer(InboxHandler inbox, TimeProvider time) : IConsumer<JobFailed>
{
    public Task Consume(ConsumeContext<JobFailed> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<JobFailedConsumer>(context, session =>
            session.DecideAsync(AccountDecider.StreamId(m.ClientAccountId), AccountDecider.Decider, new ReleaseHold(m.JobId, $"job failed: {m.Reason}", time.GetUtcNow()), context.CancellationToken));
    }
}

public sealed class JobCancelledConsumer(InboxHandler inbox, TimeProvider time) : IConsumer<JobCancelled>
{
    public Task Consume(ConsumeContext<JobCancelled> context)
    {
        var m = context.Message;
        return inbox.HandleAsync<JobCancelledConsumer>(context, session =>
            session.DecideAsync(AccountDecider.StreamId(m.ClientAccountId), AccountDecider.Decider, new ReleaseHold(m.JobId, "job cancelled", time.GetUtcNow()), context.CancellationToken));
    }
}
