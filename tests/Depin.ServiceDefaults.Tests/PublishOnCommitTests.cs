using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Messaging;
using Depin.Testing;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Depin.ServiceDefaults.Tests;

public sealed record Announced(Guid Id);

/// <summary>Publishing a commit's messages when it returns, with the relay (its page handed to it directly) catching up the rest.</summary>
public sealed class PublishOnCommitTests : IAsyncLifetime
{
    private readonly PublishOnCommit _onCommit = new();
    private readonly PublishedOnCommit _published = new(TimeProvider.System);
    private readonly PublishCounter _publishes = new();
    private ConsumerHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await ConsumerHarness.StartAsync(new EventNames().Add<Probed>("probed"), o => o.Listeners.Add(_onCommit), _ => { });
        _harness.Bus.Bus.ConnectPublishObserver(_publishes);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_commits_messages_leave_when_it_returns_and_the_relay_does_not_publish_them_again()
    {
        var relay = NewRelay();
        var stored = await CommitAsync();

        Assert.Equal(1, await PublishedAsync(stored.Id));   // the event id is the message id, as when the relay publishes
        await relay.PublishPageAsync([stored], CancellationToken.None);
        Assert.Equal(1, await PublishedAsync(stored.Id, settle: true));
    }

    [Fact]
    public async Task What_was_not_published_on_commit_the_relay_publishes_from_the_log()
    {
        var stored = await CommitAsync();   // before the relay attached: as in an instance that does not run it, or before a crash
        Assert.Equal(0, await PublishedAsync(stored.Id, settle: true));

        await NewRelay().PublishPageAsync([stored], CancellationToken.None);
        Assert.Equal(1, await PublishedAsync(stored.Id));
    }

    [Fact]
    public async Task A_tombstone_in_the_log_is_passed_over_not_mapped()
    {
        var stored = await CommitAsync();
        // What Marten writes into a sequence number a failed transaction had taken: on its own stream, no service's event.
        var tombstone = new JasperFx.Events.Event<Tombstone>(new Tombstone()) { Id = Guid.NewGuid(), StreamKey = "mt_tombstone", Sequence = stored.Sequence + 1 };

        await NewRelay(new StreamKeyedMap()).PublishPageAsync([stored, tombstone], CancellationToken.None);
        Assert.Equal(1, await PublishedAsync(stored.Id, settle: true));
    }

    private IntegrationEventRelay NewRelay(IIntegrationEventMap? map = null) =>
        new(_harness.Bus.Bus, map ?? new AnnounceMap(), _onCommit, _published, NullLogger<IntegrationEventRelay>.Instance);

    /// <summary>Like the services' maps, reads the entity's id out of the stream key, so a foreign stream throws.</summary>
    private sealed class StreamKeyedMap : IIntegrationEventMap
    {
        public IEnumerable<OutgoingMessage> Map(IEvent stored)
        {
            var id = Guid.Parse(stored.StreamKey!.AsSpan("probe-".Length));
            if (stored.Data is Probed) yield return new(new Announced(id));
        }
    }

    private async Task<IEvent> CommitAsync()
    {
        var stream = $"probe-{Guid.NewGuid()}";
        await using (var session = _harness.Store.LightweightSession())
        {
            session.Events.StartStream(stream, new Probed(Guid.NewGuid()));
            await session.SaveChangesAsync();
        }
        await using var query = _harness.Store.QuerySession();
        return Assert.Single(await query.Events.FetchStreamAsync(stream));
    }

    /// <summary>How many times a message with this id was published: waits for the first, or (settle) a moment for any more.</summary>
    private async Task<int> PublishedAsync(Guid messageId, bool settle = false)
    {
        int Count() => _publishes.Of(messageId);
        var deadline = DateTime.UtcNow + (settle ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline && (settle || Count() == 0)) await Task.Delay(20);
        return Count();
    }

    /// <summary>Counts publishes per message id (the harness's own list keeps one entry per id, so it cannot see a second publish).</summary>
    private sealed class PublishCounter : IPublishObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _published = new();

        public int Of(Guid messageId) => _published.GetValueOrDefault(messageId);

        public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PostPublish<T>(PublishContext<T> context) where T : class
        {
            if (context.Message is Announced && context.MessageId is { } id) _published.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    private sealed class AnnounceMap : IIntegrationEventMap
    {
        public IEnumerable<OutgoingMessage> Map(IEvent stored)
        {
            if (stored.Data is Probed p) yield return new(new Announced(p.Id));
        }
    }
}
