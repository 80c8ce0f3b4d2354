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
/// holds of one client queue behind each other instead of racing, and never fail for it. A batch takes each
/// client's lock and reads its balance once, and each hold it places lowers the balance the next one sees.
/// Messages are handled in account order, so every batch takes the account locks in the same order and two
/// batches cannot deadlock.
/// </summary>
public sealed class JobSubmittedConsumer(InboxHandler inbox, TimeProvider time) : IConsumer<Batch<JobSubmitted>>
{
    public Task Consume(ConsumeContext<Batch<JobSubmitted>> context)
    {
        var ct = context.CancellationToken;
        return inbox.HandleBatchAsync<JobSubmittedConsumer, JobSubmitted>(context,
            m => $"{AccountDecider.StreamId(m.ClientAccountId)}/{HoldDecider.StreamId(m.JobId)}", async (session, messages) =>
            {
                // The clients' accounts locked in one round trip (in account order), their holds read in another.
                await session.FetchManyForWritingAsync<Account>(messages.Select(m => AccountDecider.StreamId(m.Message.ClientAccountId)), Locking.Exclusive, ct);
                var holds = await session.FetchManyForWritingAsync<Hold>(messages.Select(m => HoldDecider.StreamId(m.Message.JobId)), Locking.Optimistic, ct);
                var available = new Dictionary<Guid, long>();
                return async c =>
                {
                    var m = c.Message;
                    if (!available.TryGetValue(m.ClientAccountId, out var left))
                        left = await AvailableBalances.FoldAsync(session, LedgerAccounts.Available(m.ClientAccountId), ct);
                    var decided = holds[HoldDecider.StreamId(m.JobId)].Decide(HoldDecider.Decider,
                        [new PlaceHold(m.JobId, m.ClientAccountId, m.MaxCost, left, time.GetUtcNow())]);
                    available[m.ClientAccountId] = left - decided.Decision.Events.OfType<HoldPlaced>().Sum(h => h.Amount);
                };
            });
    }
}

/// <summary>
/// Clients are split into two lanes, each batched on its own, one batch each at a time: batches of different
/// lanes lock different accounts, so they never wait on each other. (Mixing all clients, two batches at once
/// mostly waited on each other's account locks, 15 ms per batch.)
/// </summary>
public sealed class JobSubmittedConsumerDefinition : InboxBatchDefinition<JobSubmittedConsumer, JobSubmitted>
{
    public override int ConcurrencyLimit => 2;

    public override Func<JobSubmitted, int> Lane => m => m.ClientAccountId.GetHashCode();
}
