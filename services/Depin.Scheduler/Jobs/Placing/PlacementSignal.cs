using System.Threading.Channels;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>Wakes the sweeper early when placement may now succeed (a job was funded, a node appeared).</summary>
public sealed class PlacementSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private volatile bool _slotsWanted;

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>
    /// Whether the last placement left jobs queued: then an attempt that ends frees a slot one of them waits for, and
    /// wakes the sweeper (otherwise a result wakes nothing: woken after every batch, the sweeper's queue query ran 30
    /// times a second at 50 jobs/s for nothing).
    /// </summary>
    public bool SlotsWanted { get => _slotsWanted; set => _slotsWanted = value; }

    /// <summary>An attempt ended and freed its slot.</summary>
    public void SlotFreed()
    {
        if (_slotsWanted) Wake();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try { await _channel.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }
}
