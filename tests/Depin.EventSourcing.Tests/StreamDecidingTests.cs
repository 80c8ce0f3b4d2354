using Depin.EventSourcing.Deciding;
using Depin.EventSourcing.Inbox;
using JasperFx;

namespace Depin.EventSourcing.Tests;

public class StreamDecidingTests(MartenFixture db) : IClassFixture<MartenFixture>
{
    private static string NewStream() => "counter-" + Guid.NewGuid();

    private async Task<Decided<long, Counted>> Decide(string stream, Add command, Locking locking = Locking.Optimistic)
    {
        await using var session = db.Store.LightweightSession();
        var decided = await session.DecideAsync(stream, Counter.Decider, command, CancellationToken.None, locking);
        await session.SaveChangesAsync();
        return decided;
    }

    [Fact]
    public async Task Decisions_append_consecutive_versions_and_fold_the_stream_through_the_decider()
    {
        var stream = NewStream();
        Assert.Equal((0L, 1L, 1L), (await Decide(stream, new Add(0, 1))) is var a ? (a.Before, a.After, a.Version) : default);
        var b = await Decide(stream, new Add(0, 2));
        Assert.Equal((1L, 3L, 2L), (b.Before, b.After, b.Version));
        await using var query = db.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(stream);
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.Equal("counted", events[0].EventTypeName);
    }

    [Fact]
    public async Task A_writer_that_read_a_stale_version_fails_and_appends_nothing()
    {
        var stream = NewStream();
        await Decide(stream, new Add(0, 1));
        await using var stale = db.Store.LightweightSession();
        await stale.DecideAsync(stream, Counter.Decider, new Add(1, 10), CancellationToken.None);
        await Decide(stream, new Add(2, 100));
        await Assert.ThrowsAnyAsync<ConcurrencyException>(() => stale.SaveChangesAsync());
        await using var query = db.Store.QuerySession();
        Assert.Equal([1, 100], (await query.Events.FetchStreamAsync(stream)).Select(e => ((Counted)e.Data).N));
    }

    [Fact]
    public async Task Concurrent_optimistic_writers_at_the_same_version_exactly_one_wins()
    {
        var stream = NewStream();
        await Decide(stream, new Add(0, 0));
        var sessions = Enumerable.Range(1, 16).Select(_ => db.Store.LightweightSession()).ToList();
        foreach (var (session, writer) in sessions.Select((s, i) => (s, i + 1)))
            await session.DecideAsync(stream, Counter.Decider, new Add(writer, 1), CancellationToken.None);
        var results = await Task.WhenAll(sessions.Select(async session =>
        {
            try { await session.SaveChangesAsync(); return true; }
            catch (ConcurrencyException) { return false; }
            finally { await session.DisposeAsync(); }
        }));
        Assert.Equal(1, results.Count(won => won));
        await using var query = db.Store.QuerySession();
        Assert.Equal(2, (await query.Events.FetchStreamAsync(stream)).Count);
    }

    [Fact]
    public async Task Exclusive_writers_of_one_hot_stream_queue_and_none_of_them_fails()
    {
        var stream = NewStream();
        await Decide(stream, new Add(0, 0));
        await Task.WhenAll(Enumerable.Range(1, 40).Select(w => Decide(stream, new Add(w, w), Locking.Exclusive)));
        await using var query = db.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(stream);
        Assert.Equal(Enumerable.Range(1, 41).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(Enumerable.Range(1, 40).Sum(), (await query.Events.AggregateStreamAsync<Streams.Folded<long>>(stream))!.State);
    }

    [Fact]
    public async Task Time_travel_folds_the_stream_as_it_was_at_a_version()
    {
        var stream = NewStream();
        foreach (var n in new[] { 1, 10, 100 }) await Decide(stream, new Add(0, n));
        await using var query = db.Store.QuerySession();
        Assert.Equal(11, (await query.Events.AggregateStreamAsync<Streams.Folded<long>>(stream, version: 2))!.State);
        Assert.Equal(111, (await query.Events.AggregateStreamAsync<Streams.Folded<long>>(stream))!.State);
    }

    [Fact]
    public async Task A_message_marked_processed_twice_commits_nothing_the_second_time()
    {
        var stream = NewStream();
        var messageId = Guid.NewGuid();
        async Task Handle(int n)
        {
            await using var session = db.Store.LightweightSession();
            await session.DecideAsync(stream, Counter.Decider, new Add(0, n), CancellationToken.None);
            session.Insert(new ProcessedMessage { Id = ProcessedMessage.IdOf("test-consumer", messageId), At = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync();
        }
        await Handle(1);
        await Assert.ThrowsAsync<DocumentAlreadyExistsException>(() => Handle(2));
        await using var query = db.Store.QuerySession();
        Assert.Equal([1], (await query.Events.FetchStreamAsync(stream)).Select(e => ((Counted)e.Data).N));
    }
}
