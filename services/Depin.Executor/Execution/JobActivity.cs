namespace Depin.Executor.Execution;

/// <summary>How many jobs this node runs right now (reported in heartbeats).</summary>
public sealed class JobActivity
{
    private int _running;
    public int Running => Volatile.Read(ref _running);
    public void Started() => Interlocked.Increment(ref _running);
    public void Finished() => Interlocked.Decrement(ref _running);
}
