using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Storage;
using Marten;

namespace Depin.ServiceDefaults.Tests;

public enum Shade { Light, Dark }

public sealed class Painted
{
    public Guid Id { get; set; }
    public Shade Shade { get; set; }
    public string Note { get; set; } = "";
    public List<int> Strokes { get; set; } = [];
}

public sealed record Coated(Guid Id, Shade Shade, string Note);

/// <summary>
/// Documents and events read back through the buffered serializer are what was stored, with the services'
/// JSON conventions (enums as strings, camelCase), including rows far larger than Npgsql's 8 KB read buffer.
/// </summary>
public sealed class BufferedJsonSerializerTests : IAsyncLifetime
{
    private ConventionStore _conventions = null!;

    private DocumentStore Store => _conventions.Store;

    public async Task InitializeAsync() =>
        _conventions = await ConventionStore.CreateAsync("buffered", new EventNames().Add<Coated>("coated"), o => o.Schema.For<Painted>());

    public async Task DisposeAsync() => await _conventions.DisposeAsync();

    [Theory]
    [InlineData(10)]
    [InlineData(100_000)]
    public async Task Documents_and_events_read_back_as_stored(int size)
    {
        Assert.IsType<BufferedJsonSerializer>(Store.Options.Serializer());
        var note = new string('n', size);
        var painted = new Painted { Id = Guid.NewGuid(), Shade = Shade.Dark, Note = note, Strokes = [.. Enumerable.Range(0, size / 10)] };
        var stream = $"coat-{Guid.NewGuid()}";
        await using (var session = Store.LightweightSession())
        {
            session.Store(painted);
            session.Events.StartStream(stream, new Coated(painted.Id, Shade.Dark, note), new Coated(painted.Id, Shade.Light, "second"));
            await session.SaveChangesAsync();
        }

        await using var query = Store.QuerySession();
        var loaded = await query.LoadAsync<Painted>(painted.Id);
        Assert.NotNull(loaded);
        Assert.Equal((Shade.Dark, note), (loaded.Shade, loaded.Note));
        Assert.Equal(painted.Strokes, loaded.Strokes);
        var listed = await query.Query<Painted>().Where(p => p.Shade == Shade.Dark).ToListAsync();
        Assert.Equal(painted.Id, Assert.Single(listed).Id);
        var json = await query.Json.FindByIdAsync<Painted>(painted.Id);
        Assert.Contains("\"shade\": \"Dark\"", json, StringComparison.Ordinal);

        var events = await query.Events.FetchStreamAsync(stream);
        Assert.Equal([new Coated(painted.Id, Shade.Dark, note), new Coated(painted.Id, Shade.Light, "second")], events.Select(e => e.Data));
        var raw = await query.Events.QueryAllRawEvents().Where(e => e.StreamKey == stream).OrderBy(e => e.Version).ToListAsync();
        Assert.Equal(events.Select(e => e.Data), raw.Select(e => e.Data));
    }
}
