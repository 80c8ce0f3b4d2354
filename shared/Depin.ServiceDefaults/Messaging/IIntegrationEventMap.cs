using JasperFx.Events;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// The one visible place where a service turns its stream events into Depin.Contracts messages.
/// Stream events stay inside the service; only what this returns crosses the bus.
/// </summary>
public interface IIntegrationEventMap
{
    IEnumerable<OutgoingMessage> Map(IEvent stored);
}
