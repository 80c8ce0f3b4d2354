using Depin.Billing.Accounts;
using Depin.EventStore.Streams;
using Depin.ServiceDefaults.Messaging;
using Wire = Depin.Contracts.Billing;

namespace Depin.Billing.Messaging;

/// <summary>Which account events leave billing, and as what.</summary>
public sealed class IntegrationEventMap : IIntegrationEventMap
{
    public IEnumerable<OutgoingMessage> Map(RecordedEvent recorded)
    {
        var account = AccountDecider.IdOf(recorded.StreamId);
        OutgoingMessage? message = recorded.Data switch
        {
            HoldPlaced e => new(new Wire.FundsReserved(e.JobId, account, e.Amount), e.JobId),
            HoldRejected e => new(new Wire.FundsRejected(e.JobId, account, e.Requested, e.Available, e.Reason), e.JobId),
            HoldSettled e => new(new Wire.PaymentSettled(e.JobId, account, e.ProviderAccountId, e.Charged, e.ProviderAmount, e.Fee, e.Released), e.JobId),
            HoldReleased e => new(new Wire.HoldReleased(e.JobId, account, e.Amount, e.Reason), e.JobId),
            _ => null,
        };
        return message is null ? [] : [message];
    }
}
