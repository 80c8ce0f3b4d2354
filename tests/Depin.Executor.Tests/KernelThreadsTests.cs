using Depin.Executor.Execution;
using Microsoft.Extensions.Options;

namespace Depin.Executor.Tests;

public class KernelThreadsTests
{
    private static KernelThreads Threads(int concurrency) => new(Options.Create(new ExecutorOptions { Concurrency = concurrency }));

    [Fact]
    public async Task Work_runs_on_a_kernel_thread_not_the_pool_and_its_result_comes_back()
    {
        using var threads = Threads(2);
        var (name, pooled) = await threads.Run(() => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread), CancellationToken.None);
        Assert.StartsWith("kernel-", name);
        Assert.False(pooled);
    }

    [Fact]
    public async Task The_same_threads_serve_job_after_job()
    {
        using var threads = Threads(2);
        var ids = new HashSet<int>();
        for (var i = 0; i < 50; i++) ids.Add(await threads.Run(() => Environment.CurrentManagedThreadId, CancellationToken.None));
        Assert.InRange(ids.Count, 1, 2);
    }

    [Fact]
    public async Task As_many_jobs_as_slots_run_at_once()
    {
        const int slots = 4;
        using var threads = Threads(slots);
        using var allStarted = new CountdownEvent(slots);
        var runs = Enumerable.Range(0, slots).Select(_ => threads.Run(() =>
        {
            allStarted.Signal();
            // Each waits for all the others: this returns only if every slot has a thread of its own.
            return allStarted.Wait(TimeSpan.FromSeconds(10));
        }, CancellationToken.None)).ToList();
        Assert.All(await Task.WhenAll(runs), Assert.True);
    }

    [Fact]
    public async Task A_kernel_failure_or_cancellation_reaches_the_caller()
    {
        using var threads = Threads(1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => threads.Run<int>(() => throw new InvalidOperationException("boom"), CancellationToken.None));
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => threads.Run<int>(() =>
        {
            cancel.Cancel();
            cancel.Token.ThrowIfCancellationRequested();
            return 1;
        }, cancel.Token));
    }

    [Fact]
    public async Task Work_cancelled_before_it_starts_never_runs()
    {
        using var threads = Threads(1);
        var ran = false;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => threads.Run(() => ran = true, new CancellationToken(canceled: true)));
        Assert.False(ran);
    }
}
