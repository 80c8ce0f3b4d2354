using Depin.EventStore.Streams;

namespace Depin.EventStore.Tests;

public class EventStoreTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    private async Task<IReadOnlyList<RecordedEvent>> Append(string stream, ExpectedVersion expected, params object[] events)
    {
        await using var session = db.Store.OpenSession();
        session.Append(stream, expected, events);
        return await session.SaveChangesAsync();
    }

    [Fact]
    public async Task Appends_get_consecutive_versions_and_the_stream_reads_back_in_order()
    {
        var stream = $"s-{Guid.NewGuid()}";
        await Append(stream, ExpectedVersion.NoStream, new Counted(0, 1), new Counted(0, 2));
        await Append(stream, ExpectedVersion.At(2), new Counted(0, 3));
        var events = await db.Store.ReadStreamAsync(stream);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.Equal([1, 2, 3], events.Select(e => ((Counted)e.Data).N));
        Assert.Equal([2L, 3L], (await db.Store.ReadStreamAsync(stream, afterVersion: 1)).Select(e => e.Version));
        var (sum, version) = await db.Store.AggregateStreamAsync<int, Counted>(stream, 0, (s, e) => s + e.N);
        Assert.Equal((6, 3L), (sum, version));
        var (asOfTwo, _) = await db.Store.AggregateStreamAsync<int, Counted>(stream, 0, (s, e) => s + e.N, toVersion: 2);
        Assert.Equal(3, asOfTwo);
    }

    [Fact]
    public async Task Wrong_expected_version_throws_and_appends_nothing()
    {
        var stream = $"s-{Guid.NewGuid()}";
        await Append(stream, ExpectedVersion.NoStream, new Counted(0, 1));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Append(stream, ExpectedVersion.NoStream, new Counted(0, 2)));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Append(stream, ExpectedVersion.At(5), new Counted(0, 2)));
        Assert.Single(await db.Store.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task Concurrent_appends_at_the_same_expected_version_exactly_one_wins()
    {
        var stream = $"s-{Guid.NewGuid()}";
        await Append(stream, ExpectedVersion.NoStream, new Counted(0, 0));
        var attempts = Enumerable.Range(1, 16).Select(async writer =>
        {
            try { await Append(stream, ExpectedVersion.At(1), new Counted(writer, 1)); return true; }
            catch (ConcurrencyException) { return false; }
        });
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(2, (await db.Store.ReadStreamAsync(stream)).Count);
    }

    [Fact]
    public async Task Global_read_under_concurrent_writers_sees_every_event_once_and_never_skips_one()
    {
        const int writers = 8, perWriter = 40;
        var prefix = Guid.NewGuid().ToString("N");
        var seen = new List<RecordedEvent>();
        var checkpoint = GlobalCheckpoint.Start;
        using var done = new CancellationTokenSource();

        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await using var session = db.Store.OpenSession();
                session.Append($"{prefix}-{w}-{i % 5}", ExpectedVersion.Any, [new Counted(w, i)]);
                // Hold some transactions open a little so commits land out of position order.
                if (i % 7 == 0) session.QueueSql("select pg_sleep(0.02)");
                await session.SaveChangesAsync();
            }
        })));

        async Task DrainOnce()
        {
            foreach (var e in await db.Store.ReadAllAsync(checkpoint, 50))
            {
                Assert.True(e.Checkpoint.CompareTo(checkpoint) > 0, "the global read went backwards");
                checkpoint = e.Checkpoint;
                if (e.StreamId.StartsWith(prefix, StringComparison.Ordinal)) seen.Add(e);
            }
        }

        while (!writing.IsCompleted) await DrainOnce();
        await writing;
        for (var i = 0; i < 20 && seen.Count < writers * perWriter; i++) await DrainOnce();

        Assert.Equal(writers * perWriter, seen.Count);
        Assert.Equal(writers * perWriter, seen.Select(e => e.EventId).Distinct().Count());
        foreach (var w in Enumerable.Range(0, writers))
            Assert.Equal(Enumerable.Range(0, perWriter), seen.Select(e => (Counted)e.Data).Where(c => c.Writer == w).Select(c => c.N));
    }

    [Fact]
    public async Task Redelivered_message_is_recognised_and_its_second_handling_commits_nothing()
    {
        var stream = $"s-{Guid.NewGuid()}";
        var messageId = Guid.NewGuid();
        async Task Handle()
        {
            await using var session = db.Store.OpenSession(causationId: messageId);
            if (await session.HasProcessedAsync("test-consumer", messageId)) return;
            session.Append(stream, ExpectedVersion.Any, [new Counted(0, 1)]);
            session.MarkProcessed("test-consumer", messageId);
            await session.SaveChangesAsync();
        }
        await Handle();
        await Handle();
        Assert.Single(await db.Store.ReadStreamAsync(stream));

        // Two deliveries racing past the check: the inbox row makes the second transaction fail whole.
        await using var late = db.Store.OpenSession();
        late.Append(stream, ExpectedVersion.Any, [new Counted(0, 2)]);
        late.MarkProcessed("test-consumer", messageId);
        await Assert.ThrowsAsync<DuplicateMessageException>(() => late.SaveChangesAsync());
        Assert.Single(await db.Store.ReadStreamAsync(stream));
    }
}
