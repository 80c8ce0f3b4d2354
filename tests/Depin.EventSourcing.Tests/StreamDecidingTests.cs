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

    [Theory]
    [InlineData(Locking.Optimistic)]
    [InlineData(Locking.Exclusive)]
    public async Task Streams_loaded_together_decide_as_if_loaded_one_by_one(Locking locking)
    {
        var (first, second, fresh) = (NewStream(), NewStream(), NewStream());
        await Decide(first, new Add(0, 1));
        await Decide(second, new Add(0, 5));
        await Decide(second, new Add(0, 6));

        await using (var session = db.Store.LightweightSession())
        {
            var streams = await session.FetchManyForWritingAsync<long>([first, second, fresh, first], locking, CancellationToken.None);
            Assert.Equal(3, streams.Count);   // a key asked for twice is loaded once
            var decided = new[] { first, second, fresh }.Select(k => streams[k].Decide(Counter.Decider, [new Add(1, 10), new Add(1, 20)])).ToList();
            Assert.Equal([(1L, 31L, 3L), (11L, 41L, 4L), (0L, 30L, 2L)], decided.Select(d => (d.Before, d.After, d.Version)));
            await session.SaveChangesAsync();
        }

        await using var query = db.Store.QuerySession();
        Assert.Equal([1, 10, 20], (await query.Events.FetchStreamAsync(first)).Select(e => ((Counted)e.Data).N));
        Assert.Equal([5, 6, 10, 20], (await query.Events.FetchStreamAsync(second)).Select(e => ((Counted)e.Data).N));
        Assert.Equal([1L, 2L], (await query.Events.FetchStreamAsync(fresh)).Select(e => e.Version));
    }
}
