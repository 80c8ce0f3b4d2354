using Depin.Billing.Holds;
using Depin.Billing.Stakes;
using Depin.ServiceDefaults.Messaging;
using JasperFx.Events;
using Wire = Depin.Contracts.Billing;

namespace Depin.Billing.Messaging;

/// <summary>Which billing events leave billing, and as what.</summary>
public sealed class IntegrationEventMap : IIntegrationEventMap
{
    public IEnumerable<OutgoingMessage> Map(IEvent stored)
    {
        OutgoingMessage? message = stored.Data switch
        {
            HoldPlaced e => new(new Wire.FundsReserved(e.JobId, e.ClientAccountId, e.Amount), e.JobId),
            HoldRejected e => new(new Wire.FundsRejected(e.JobId, e.ClientAccountId, e.Requested, e.Available, e.Reason), e.JobId),
            HoldSettled e => new(new Wire.PaymentSettled(e.JobId, e.ClientAccountId, e.ProviderAccountId, e.Charged, e.ProviderAmount, e.Fee, e.Released), e.JobId),
            HoldReleased e => new(new Wire.HoldReleased(e.JobId, e.ClientAccountId, e.Amount, e.Reason), e.JobId),
            IStakeEvent e => new(new Wire.NodeStakeChanged(e.NodeId, e.ProviderAccountId, e.Bonded, stored.Version, stored.Timestamp)),
            _ => null,
        };
        return message is null ? [] : [message];
    }
}
