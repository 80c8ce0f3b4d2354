using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;
using Marten;
using MassTransit;

namespace Depin.ServiceDefaults.Tests;

/// <summary>The batched inbox on the in-memory bus over real Marten storage.</summary>
public sealed class InboxBatchTests : IAsyncLifetime
{
    private static readonly EventNames Names = new EventNames().Add<Probed>("probed");
    private ConsumerHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await ConsumerHarness.StartAsync(Names, o => o.Schema.For<ProbeSeen>(), x =>
        {
            x.AddInboxBatchConsumer<ProbeConsumer, Probe, ProbeConsumerDefinition>();
            x.AddConsumer<TwiceProbeConsumer>();
        });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_message_that_fails_in_a_batch_does_not_take_the_others_with_it()
    {
        var probes = Enumerable.Range(0, 8).Select(i => new Probe(Guid.NewGuid(), Fail: i == 3)).ToList();
        await Task.WhenAll(probes.Select(p => _harness.Bus.Bus.Publish(p)));

        // The seven good ones commit (their batch failed as a whole, so each was handled again alone); the bad one never does.
        await using var session = _harness.Store.QuerySession();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<ProbeSeen> seen = [];
        while (DateTime.UtcNow < deadline && (seen = await session.Query<ProbeSeen>().ToListAsync()).Count < 7) await Task.Delay(50);
        Assert.Equal(probes.Where(p => !p.Fail).Select(p => p.Id).Order(), seen.Select(s => s.Id).Order());
        // The bad one's fault is recorded once its retries are spent, which can trail the good ones' commits on a busy machine.
        var faultDeadline = DateTime.UtcNow.AddSeconds(20);
        bool faulted;
        while (!(faulted = await _harness.Bus.Consumed.Any<Probe>(c => c.Context.Message.Fail && c.Exception is not null)) && DateTime.UtcNow < faultDeadline)
            await Task.Delay(100);
        Assert.True(faulted, "the failing probe was never consumed with its exception");
        Assert.Empty(await session.Events.FetchStreamAsync($"probe-{probes[3].Id}"));
    }

    [Fact]
    public async Task The_same_message_twice_in_one_batch_is_handled_once_and_faults_nothing()
    {
        var probe = new TwiceProbe(Guid.NewGuid());
        await _harness.DeliverAsync(probe, Guid.NewGuid());

        await using var session = _harness.Store.QuerySession();
        Assert.Single(await session.Query<ProbeSeen>().Where(s => s.Id == probe.Id).ToListAsync());
        Assert.Single(await session.Events.FetchStreamAsync($"probe-{probe.Id}"));
    }

    [Fact]
    public async Task Each_event_of_a_batch_carries_its_own_messages_correlation_and_causation()
    {
        var sent = Enumerable.Range(0, 6).Select(_ => (Probe: new Probe(Guid.NewGuid(), false), MessageId: Guid.NewGuid(), CorrelationId: Guid.NewGuid())).ToList();
        await Task.WhenAll(sent.Select(s => _harness.Bus.Bus.Publish(s.Probe, c => { c.MessageId = s.MessageId; c.CorrelationId = s.CorrelationId; })));

        await using var session = _harness.Store.QuerySession();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && await session.Query<ProbeSeen>().CountAsync() < sent.Count) await Task.Delay(50);
        foreach (var s in sent)
        {
            var stored = Assert.Single(await session.Events.FetchStreamAsync($"probe-{s.Probe.Id}"));
            Assert.Equal((s.MessageId.ToString(), s.CorrelationId.ToString()), (stored.CausationId, stored.CorrelationId));
        }
    }
}

/// <summary>The daemon's wake-up: a commit of events wakes it at once, a commit of documents alone does not.</summary>
public sealed class CommitWakeupTests : IAsyncLifetime
{
    private ConventionStore _conventions = null!;

    private DocumentStore Store => _conventions.Store;

    public async Task InitializeAsync() =>
        _conventions = await ConventionStore.CreateAsync("wakeup", new EventNames().Add<Probed>("probed"), o => o.Schema.For<ProbeSeen>());

    public async Task DisposeAsync() => await _conventions.DisposeAsync();

    [Fact]
    public async Task A_commit_with_events_wakes_the_daemon_and_one_without_does_not()
    {
        var wakeup = Assert.IsType<CommitWakeup>(Store.Options.Projections.Wakeup);
        var waiting = wakeup.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);

        await using (var session = Store.LightweightSession())
        {
            session.Store(new ProbeSeen { Id = Guid.NewGuid() });
            await session.SaveChangesAsync();
        }
        Assert.NotSame(waiting, await Task.WhenAny(waiting, Task.Delay(500)));

        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream($"probe-{Guid.NewGuid()}", new Probed(Guid.NewGuid()));
            await session.SaveChangesAsync();
        }
        Assert.Same(waiting, await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(10))));
    }
}
