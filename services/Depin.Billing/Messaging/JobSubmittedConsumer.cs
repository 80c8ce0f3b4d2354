using Depin.Billing.Accounts;
using Depin.Billing.Holds;
using Depin.Billing.Ledger;
using Depin.Contracts.Scheduler;
using Depin.EventSourcing.Deciding;
using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Billing.Messaging;

/// <summary>
/// Escrow: hold the job's maximum cost, or reject it (the rejection is an event, so the scheduler hears of it).
/// A hold is the one debit that needs a balance check, so it takes the client account's row lock first:
/// holds of one client queue behind each other instead of racing, and never fail for it.
/// </summary>
public sealed class JobSubmittedConsumer(InboxHandler inbox, TimeProvider time) : IConsumer<JobSubmitted>
{
    public Task Consume(ConsumeContext<JobSubmitted> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        return inbox.HandleAsync<JobSubmittedConsumer>(context, async session =>
        {
            await session.Events.FetchForExclusiveWriting<Folded<Account>>(AccountDecider.StreamId(m.ClientAccountId), ct);
            var available = await LedgerReader.SumAsync(session, LedgerAccounts.Available(m.ClientAccountId), ct);
            await session.DecideAsync(HoldDecider.StreamId(m.JobId), HoldDecider.Decider,
                new PlaceHold(m.JobId, m.ClientAccountId, m.MaxCost, available, time.GetUtcNow()), ct);
        });
    }
}
