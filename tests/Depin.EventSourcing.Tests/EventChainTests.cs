using Depin.EventSourcing.Chain;
using Depin.EventSourcing.Log;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Depin.EventSourcing.Tests;

/// <summary>The chain on real PostgreSQL: each test has a schema of its own, because some of them tamper with it.</summary>
public sealed class EventChainTests : IAsyncLifetime
{
    private readonly string _schema = TestPostgres.NewSchema("chain_test");
    private DocumentStore _store = null!;
    private NpgsqlDataSource _db = null!;
    private EventChain Chain => new("test", _schema);

    public async Task InitializeAsync()
    {
        _store = DocumentStore.For(o =>
        {
            o.Connection(TestPostgres.ConnectionString);
            o.DatabaseSchemaName = _schema;
            o.Events.StreamIdentity = StreamIdentity.AsString;
            o.Events.AppendMode = EventAppendMode.Quick;
            o.Events.MapEventType<Counted>("counted");
            // The services' metadata columns, which the raw log reads.
            o.Events.MetadataConfig.CorrelationIdEnabled = true;
            o.Events.MetadataConfig.CausationIdEnabled = true;
            o.Storage.ExtendedSchemaObjects.Add(EventChain.Table(_schema));
            o.AutoCreateSchemaObjects = AutoCreate.All;
        });
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        _db = NpgsqlDataSource.Create(TestPostgres.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await _db.DisposeAsync();
        await TestPostgres.DropSchemaAsync(_schema);
    }

    /// <summary>Appends events to a few streams and lets the high-water mark pass them, as the daemon does.</summary>
    private async Task AppendAsync(int count)
    {
        await using var session = _store.LightweightSession();
        for (var i = 0; i < count; i++) session.Events.Append($"counter-{i % 3}", new Counted(i, i * 10));
        await session.SaveChangesAsync();
        await _store.Advanced.AdvanceHighWaterMarkToLatestAsync(CancellationToken.None);
    }

    private async Task<int> ExtendAsync(int max = 1000)
    {
        await using var connection = await _db.OpenConnectionAsync();
        return await Chain.ExtendAsync(connection, max, CancellationToken.None);
    }

    private async Task<ChainReport> VerifyAsync()
    {
        await using var connection = await _db.OpenConnectionAsync();
        return await Chain.VerifyAsync(connection, CancellationToken.None);
    }

    private async Task SqlAsync(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Writers_racing_link_every_event_exactly_once_and_the_chain_verifies()
    {
        await AppendAsync(40);

        var linked = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ExtendAsync(max: 7)).Concat([ExtendAsync(max: 7)]));
        while (await ExtendAsync(max: 7) > 0) { }

        Assert.True(linked.Sum() <= 40);
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Broken?.Problem);
        Assert.Equal((40L, 40L, 0L), (report.Verified, report.HeadPosition, report.Unchained));
    }

    [Fact]
    public async Task Only_events_the_high_water_mark_has_passed_are_linked()
    {
        await AppendAsync(5);
        await using (var session = _store.LightweightSession())
        {
            session.Events.Append("counter-late", new Counted(9, 9));
            await session.SaveChangesAsync();
        }

        Assert.Equal(5, await ExtendAsync());
        var report = await VerifyAsync();
        Assert.Equal((5L, 5L, 1L), (report.Verified, report.HeadPosition, report.Unchained));

        await _store.Advanced.AdvanceHighWaterMarkToLatestAsync(CancellationToken.None);
        Assert.Equal(1, await ExtendAsync());
        Assert.Equal(6L, (await VerifyAsync()).Verified);
    }

    [Fact]
    public async Task An_edited_event_is_the_first_broken_link()
    {
        await AppendAsync(10);
        await ExtendAsync();

        await SqlAsync($"update {_schema}.mt_events set data = jsonb_set(data, '{{n}}', '999') where seq_id = 6");
        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(6, report.Broken!.Position);
        Assert.Equal("counted", report.Broken.Type);
        Assert.Contains("edited", report.Broken.Problem, StringComparison.Ordinal);
        Assert.Equal(5, report.Verified);
    }

    [Fact]
    public async Task A_deleted_event_and_a_link_removed_to_hide_an_insertion_are_both_named()
    {
        await AppendAsync(10);
        await ExtendAsync();

        await SqlAsync($"delete from {_schema}.mt_events where seq_id = 4");
        Assert.Equal((4L, "the event is gone"), (await VerifyAsync()) is var deleted ? (deleted.Broken!.Position, deleted.Broken.Problem[..17]) : default);

        await SqlAsync($"delete from {_schema}.{EventChain.TableName} where seq_id in (2, 4)");
        var unlinked = await VerifyAsync();
        Assert.Equal(2, unlinked.Broken!.Position);
        Assert.Contains("not in the chain", unlinked.Broken.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewriting_one_link_to_match_an_edit_breaks_the_next_one()
    {
        await AppendAsync(6);
        await ExtendAsync();
        await SqlAsync($"update {_schema}.mt_events set data = jsonb_set(data, '{{n}}', '1') where seq_id = 3");

        // The forger recomputes link 3 from the edited event, but link 4 still covers the old link 3.
        await using (var connection = await _db.OpenConnectionAsync())
        {
            var events = new List<StoredEvent>();
            await foreach (var e in RawEventLog.ReadAsync(connection, _schema, new EventFilter(), 3, CancellationToken.None)) events.Add(e);
            var previous = ChainLink.Genesis.ToArray();
            foreach (var e in events) previous = ChainLink.Of(previous, e);
            await using var forge = new NpgsqlCommand($"update {_schema}.{EventChain.TableName} set hash = @h where seq_id = 3", connection);
            forge.Parameters.AddWithValue("h", previous);
            await forge.ExecuteNonQueryAsync();
        }

        var report = await VerifyAsync();
        Assert.Equal(4, report.Broken!.Position);
    }
}
