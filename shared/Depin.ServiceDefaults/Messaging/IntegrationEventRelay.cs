using System.Security.Cryptography;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// The log is the outbox: a Marten subscription, run by the daemon, publishes what the service's map makes
/// of each stored event, and Marten moves the subscription's progress only after the page returned. Publisher
/// confirms are on, so a publish returns once the broker has it: at least once. The message id is derived
/// from the event id, so a page published again carries the same ids and consumers' inboxes drop the copies.
/// Most events were already published when their commit returned (<see cref="PublishOnCommit"/>); the relay
/// leaves out those the broker confirmed.
/// </summary>
public sealed partial class IntegrationEventRelay : SubscriptionBase
{
    private readonly IBus _bus;
    private readonly IIntegrationEventMap _map;
    private readonly PublishedOnCommit _published;
    private readonly ILogger<IntegrationEventRelay> _logger;

    public IntegrationEventRelay(IBus bus, IIntegrationEventMap map, PublishOnCommit onCommit, PublishedOnCommit published,
        ILogger<IntegrationEventRelay> logger)
    {
        _bus = bus;
        _map = map;
        _published = published;
        _logger = logger;
        Name = RelayName;
        onCommit.Attach(this);
    }

    public const string RelayName = "integration-relay";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await PublishPageAsync(page.Events, cancellationToken);
        return NullChangeListener.Instance;
    }

    /// <summary>Publishes a page of the log, leaving out the events whose messages the broker confirmed on commit.</summary>
    public async Task PublishPageAsync(IReadOnlyList<IEvent> page, CancellationToken ct)
    {
        var publishes = new List<Task>();
        foreach (var e in page)
        {
            if (await _published.TakeAsync(e.Id)) continue;
            publishes.Add(PublishAsync(e, Outgoing(e), ct));
        }
        await Task.WhenAll(publishes);
        _published.Prune();
    }

    /// <summary>Publishes a just-committed event's messages now, noting the outcome for when the relay reaches the event.</summary>
    internal void PublishCommitted(IEvent e)
    {
        var outgoing = Outgoing(e).ToList();
        if (outgoing.Count > 0) _published.Add(e.Id, PublishCommittedAsync(e, outgoing));
    }

    /// <summary>
    /// The event's messages, by the service's map. A tombstone fills a sequence number a failed transaction had taken
    /// (Marten writes them so that the daemon need not wait on the gap): no service's event, nothing to publish; mapped,
    /// it failed every page it was on.
    /// </summary>
    private IEnumerable<OutgoingMessage> Outgoing(IEvent e) => e.Data is Tombstone ? [] : _map.Map(e);

    private async Task<bool> PublishCommittedAsync(IEvent e, IReadOnlyList<OutgoingMessage> outgoing)
    {
        try
        {
            await PublishAsync(e, outgoing, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            LogLeftToRelay(ex, e.Id);
            return false;
        }
    }

    private Task PublishAsync(IEvent e, IEnumerable<OutgoingMessage> outgoing, CancellationToken ct) =>
        Task.WhenAll(outgoing.Select((message, index) => PublishAsync(e, message, DeriveId(e.Id, index), ct)));

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing event {EventId}'s messages on commit failed; the relay publishes them from the log")]
    private partial void LogLeftToRelay(Exception ex, Guid eventId);
}
