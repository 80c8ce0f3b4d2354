using System.Security.Cryptography;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// The log is the outbox: a Marten subscription, run by the daemon, publishes what the service's map makes
/// of each stored event, and Marten moves the subscription's progress only after the page returned. Publisher
/// confirms are on, so a publish returns once the broker has it: at least once. The message id is derived
/// from the event id, so a page published again carries the same ids and consumers' inboxes drop the copies.
/// </summary>
public sealed class IntegrationEventRelay : SubscriptionBase
{
    private readonly IBus _bus;
    private readonly IIntegrationEventMap _map;

    public IntegrationEventRelay(IBus bus, IIntegrationEventMap map)
    {
        _bus = bus;
        _map = map;
        Name = RelayName;
    }

    public const string RelayName = "integration-relay";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var publishes = new List<Task>();
        foreach (var e in page.Events)
        {
            var index = 0;
            foreach (var outgoing in _map.Map(e))
                publishes.Add(PublishAsync(e, outgoing, DeriveId(e.Id, index++), cancellationToken));
        }
        await Task.WhenAll(publishes);
        return NullChangeListener.Instance;
    }

    private async Task PublishAsync(IEvent e, OutgoingMessage outgoing, Guid messageId, CancellationToken ct)
    {
        void Stamp(SendContext context)
        {
            context.MessageId = messageId;
            if (Guid.TryParse(e.CorrelationId, out var correlation)) context.CorrelationId = correlation;
            if (outgoing.JobId is { } jobId) context.SetJobId(jobId);
            if (outgoing.TimeToLive is { } ttl) context.TimeToLive = ttl;
        }

        if (outgoing.SendTo is { } address)
        {
            var endpoint = await _bus.GetSendEndpoint(address);
            await endpoint.Send(outgoing.Message, outgoing.Message.GetType(), Pipe.Execute<SendContext>(Stamp), ct);
        }
        else
        {
            await _bus.Publish(outgoing.Message, outgoing.Message.GetType(), Pipe.Execute<PublishContext>(Stamp), ct);
        }
    }

    public static Guid DeriveId(Guid eventId, int index)
    {
        if (index == 0) return eventId;
        Span<byte> input = stackalloc byte[20];
        eventId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], index);
        return new Guid(SHA256.HashData(input)[..16]);
    }
}
