using Depin.EventStore.Streams;

namespace Depin.EventStore.Relay;

/// <summary>Publishes one stored event to the bus (mapping it to integration messages); must not return before the broker confirmed.</summary>
public interface IEventPublisher
{
    Task PublishAsync(RecordedEvent recorded, CancellationToken ct);
}
