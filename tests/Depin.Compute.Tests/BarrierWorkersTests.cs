using Depin.Compute.Backends;

namespace Depin.Compute.Tests;

/// <summary>Workers that meet at a spin barrier: where they run, and that none is left spinning when one fails.</summary>
public class BarrierWorkersTests
{
    [Fact]
    public void Worker_zero_runs_on_the_calling_thread_and_each_other_worker_on_a_thread_of_its_own()
    {
        var threads = new int[4];
        var barrier = new SpinBarrier(4);
        BarrierWorkers.Run(4, (worker, ct) =>
        {
            threads[worker] = Environment.CurrentManagedThreadId;
            for (var step = 0; step < 100; step++) barrier.SignalAndWait(ct);   // every worker must be running at once
        }, CancellationToken.None);

        Assert.Equal(Environment.CurrentManagedThreadId, threads[0]);
        Assert.Equal(4, threads.Distinct().Count());
    }

    [Fact]
    public void One_worker_runs_inline_without_a_barrier()
    {
        var ran = -1;
        BarrierWorkers.Run(1, (worker, _) => ran = Environment.CurrentManagedThreadId + worker, CancellationToken.None);
        Assert.Equal(Environment.CurrentManagedThreadId, ran);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_failing_worker_releases_the_others_from_the_barrier_and_its_failure_reaches_the_caller(int failing)
    {
        var barrier = new SpinBarrier(3);
        var left = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => BarrierWorkers.Run(3, (worker, ct) =>
        {
            try
            {
                if (worker == failing) throw new InvalidOperationException("worker " + worker);
                while (true) barrier.SignalAndWait(ct);   // waits forever for the failed worker unless it is cancelled
            }
            finally { Interlocked.Increment(ref left); }
        }, CancellationToken.None));

        Assert.Equal("worker " + failing, ex.Message);
        Assert.Equal(3, Volatile.Read(ref left));   // Run returned only after every worker had left
    }

    [Fact]
    public void Cancelling_the_run_stops_every_worker_and_surfaces_as_cancellation()
    {
        using var cts = new CancellationTokenSource();
        var barrier = new SpinBarrier(2);
        var steps = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => BarrierWorkers.Run(2, (worker, ct) =>
        {
            while (true)
            {
                if (worker == 0 && Interlocked.Increment(ref steps) == 50) cts.Cancel();
                barrier.SignalAndWait(ct);
            }
        }, cts.Token));
        Assert.True(steps >= 50);
    }
}
