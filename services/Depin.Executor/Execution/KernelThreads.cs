using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Depin.Executor.Execution;

/// <summary>
/// The threads kernels run on: one per job slot (Executor:Concurrency), started once and kept. A kernel's run blocks,
/// so it must not hold a thread-pool thread (a node running all its slots held that many pool threads for seconds each,
/// the pool grew too slowly for the heartbeat, and a busy node was taken offline). A thread of its own per job kept
/// the pool free but cost a thread's creation and teardown per job: a third of a node's CPU on a burst of tiny jobs
/// (perf, 2,000 matmul n=8 jobs). The slots bound the jobs running at once, so a job never waits here for a thread.
/// </summary>
public sealed class KernelThreads : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();

    public KernelThreads(IOptions<ExecutorOptions> options)
    {
        for (var i = 0; i < Math.Max(1, options.Value.Concurrency); i++)
            new Thread(Drain) { IsBackground = true, Name = $"kernel-{i}" }.Start();
    }

    /// <summary>
    /// Runs the work on a kernel thread. The returned task completes on the thread pool, not on the kernel thread, so what
    /// follows a job (publishing its result) never delays the next job's kernel. Cancelled before it starts, it does not run.
    /// </summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken ct)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            if (ct.IsCancellationRequested)
            {
                done.TrySetCanceled(ct);
                return;
            }
            try { done.TrySetResult(work()); }
            catch (OperationCanceledException ex) { done.TrySetCanceled(ex.CancellationToken); }
            catch (Exception ex) { done.TrySetException(ex); }
        });
        return done.Task;
    }

    private void Drain()
    {
        foreach (var work in _work.GetConsumingEnumerable()) work();
    }

    /// <summary>No more work: each thread ends once the queue is drained (they are background threads, so none holds the process).</summary>
    public void Dispose() => _work.CompleteAdding();
}
