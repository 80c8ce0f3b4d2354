using Depin.ServiceDefaults.Messaging;

namespace Depin.ServiceDefaults.Tests;

/// <summary>What the relay leaves out: only events whose publish on commit the broker confirmed.</summary>
public sealed class PublishedOnCommitTests
{
    private readonly Clock _clock = new();
    private readonly PublishedOnCommit _published;

    public PublishedOnCommitTests() => _published = new PublishedOnCommit(_clock);

    [Fact]
    public async Task A_confirmed_publish_is_left_out_once()
    {
        var id = Guid.NewGuid();
        _published.Add(id, Task.FromResult(true));

        Assert.True(await _published.TakeAsync(id));
        Assert.False(await _published.TakeAsync(id));   // taken: a second page with the event (a replay) publishes it again
        Assert.Equal(0, _published.Count);
    }

    [Fact]
    public async Task A_failed_publish_and_an_event_never_published_on_commit_are_the_relays_to_publish()
    {
        var failed = Guid.NewGuid();
        _published.Add(failed, Task.FromResult(false));

        Assert.False(await _published.TakeAsync(failed));
        Assert.False(await _published.TakeAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task The_relay_waits_for_a_publish_still_in_flight()
    {
        var id = Guid.NewGuid();
        var confirm = new TaskCompletionSource<bool>();
        _published.Add(id, confirm.Task);

        var taking = _published.TakeAsync(id).AsTask();
        await Task.Delay(50);
        Assert.False(taking.IsCompleted);
        confirm.SetResult(false);   // the broker refused it: the relay publishes the event itself
        Assert.False(await taking);
    }

    [Fact]
    public async Task Entries_the_relay_never_takes_are_forgotten_after_a_while()
    {
        var (old, pending, recent) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        _published.Add(old, Task.FromResult(true));
        _published.Add(pending, new TaskCompletionSource<bool>().Task);
        _clock.Advance(PublishedOnCommit.KeptFor);
        _published.Add(recent, Task.FromResult(true));

        _published.Prune();

        Assert.Equal(2, _published.Count);   // the old confirmed one is gone; one still in flight and a recent one stay
        Assert.False(await _published.TakeAsync(old));
        Assert.True(await _published.TakeAsync(recent));
    }

    private sealed class Clock : TimeProvider
    {
        private long _ticks = 1;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
