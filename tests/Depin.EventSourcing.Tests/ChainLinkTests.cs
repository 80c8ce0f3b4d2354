using Depin.EventSourcing.Chain;
using Depin.EventSourcing.Log;

namespace Depin.EventSourcing.Tests;

public class ChainLinkTests
{
    private static readonly StoredEvent Event = new(7, Guid.Parse("5b0f7f0e-8a0b-4c55-9c1e-2f7d3a1b9e01"), "hold-1", 2, "hold_settled",
        new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero).AddTicks(1230), "corr", "cause", """{"charged": 170}""");

    [Fact]
    public void A_link_depends_on_every_stored_field_and_on_its_predecessor()
    {
        var previous = ChainLink.Of(ChainLink.Genesis, Event with { Position = 6 });
        var link = ChainLink.Of(previous, Event);

        Assert.Equal(ChainLink.Size, link.Length);
        Assert.Equal(link, ChainLink.Of(previous, Event with { }));
        StoredEvent[] changed =
        [
            Event with { Position = 8 }, Event with { Id = Guid.NewGuid() }, Event with { Stream = "hold-2" }, Event with { Version = 3 },
            Event with { Type = "hold_released" }, Event with { Timestamp = Event.Timestamp.AddTicks(10) }, Event with { CorrelationId = null },
            Event with { CausationId = "other" }, Event with { Data = """{"charged": 171}""" },
        ];
        var links = changed.Select(e => Convert.ToHexString(ChainLink.Of(previous, e))).Append(Convert.ToHexString(link)).ToList();
        Assert.Equal(links.Count, links.Distinct().Count());
        Assert.NotEqual(link, ChainLink.Of(ChainLink.Genesis, Event));
    }

    [Fact]
    public void Fields_are_length_prefixed_so_moving_text_between_them_changes_the_link()
    {
        var a = ChainLink.Of(ChainLink.Genesis, Event with { Stream = "ab", Type = "c" });
        var b = ChainLink.Of(ChainLink.Genesis, Event with { Stream = "a", Type = "bc" });
        var nullVersusEmpty = ChainLink.Of(ChainLink.Genesis, Event with { CorrelationId = "" });

        Assert.NotEqual(a, b);
        Assert.NotEqual(nullVersusEmpty, ChainLink.Of(ChainLink.Genesis, Event with { CorrelationId = null }));
    }
}
