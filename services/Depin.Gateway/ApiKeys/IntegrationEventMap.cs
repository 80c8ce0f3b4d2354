using Depin.ServiceDefaults.Messaging;
using JasperFx.Events;
using Wire = Depin.Contracts.Gateway;

namespace Depin.Gateway.ApiKeys;

/// <summary>New accounts are announced (without their key hash) so billing can open their money accounts.</summary>
public sealed class IntegrationEventMap : IIntegrationEventMap
{
    public IEnumerable<OutgoingMessage> Map(IEvent recorded) => recorded.Data switch
    {
        ApiAccountOpened e => [new OutgoingMessage(new Wire.AccountOpened(e.AccountId, e.Name, e.Role, e.At))],
        _ => [],
    };
}
