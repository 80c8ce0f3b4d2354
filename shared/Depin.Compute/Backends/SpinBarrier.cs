namespace Depin.Compute.Backends;

/// <summary>
/// A barrier for a few threads that meet thousands of times a second: spins (yielding) instead of
/// blocking, and gives up when the kernel is cancelled so no worker waits forever for one that left.
/// </summary>
internal sealed class SpinBarrier(int participants)
{
    private readonly int _participants = participants;
    private int _remaining = participants;
    private int _phase;

    public void SignalAndWait(CancellationToken ct)
    {
        var phase = Volatile.Read(ref _phase);
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            Volatile.Write(ref _phase, phase + 1);
            return;
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref _phase) == phase)
        {
            if (spin.NextSpinWillYield) ct.ThrowIfCancellationRequested();
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
