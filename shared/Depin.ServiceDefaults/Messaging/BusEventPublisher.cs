using System.Security.Cryptography;
using Depin.EventStore.Relay;
using Depin.EventStore.Streams;
using MassTransit;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// Publishes mapped integration messages with MassTransit (publisher confirms are on by default for
/// RabbitMQ, so a publish returns only once the broker has it). The message id is derived from the
/// event id, so a republished event carries the same id and consumers' inboxes drop the copy.
/// </summary>
internal sealed class BusEventPublisher(IBus bus, IIntegrationEventMap map) : IEventPublisher
{
    public async Task PublishAsync(RecordedEvent recorded, CancellationToken ct)
    {
        var index = 0;
        foreach (var outgoing in map.Map(recorded))
        {
            var messageId = DeriveId(recorded.EventId, index++);
            void Stamp(SendContext context)
            {
                context.MessageId = messageId;
                context.CorrelationId = recorded.CorrelationId;
                if (outgoing.JobId is { } jobId) context.SetJobId(jobId);
            }

            if (outgoing.SendTo is { } address)
            {
                var endpoint = await bus.GetSendEndpoint(address);
                await endpoint.Send(outgoing.Message, outgoing.Message.GetType(), Pipe.Execute<SendContext>(Stamp), ct);
            }
            else
            {
                await bus.Publish(outgoing.Message, outgoing.Message.GetType(), Pipe.Execute<PublishContext>(Stamp), ct);
            }
        }
    }

    private static Guid DeriveId(Guid eventId, int index)
    {
        if (index == 0) return eventId;
        Span<byte> input = stackalloc byte[20];
        eventId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], index);
        return new Guid(SHA256.HashData(input)[..16]);
    }
}
