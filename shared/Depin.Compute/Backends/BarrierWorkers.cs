namespace Depin.Compute.Backends;

/// <summary>
/// Runs the workers of a sweep whose steps meet at a <see cref="SpinBarrier"/>. Worker 0 runs on the calling thread
/// (an executor's kernel thread already); each other worker gets a thread of its own, because a worker spinning at
/// the barrier must never wait for a pool thread that another spinning worker holds. Starting one thread fewer
/// matters for small runs, where thread start-up was a visible share of the job. If one worker fails, the others are
/// cancelled, so none spins at the barrier for a partner that has left; the caller sees the first real failure, or the
/// cancellation when the run was cancelled.
/// </summary>
internal static class BarrierWorkers
{
    public static void Run(int workers, Action<int, CancellationToken> sweep, CancellationToken ct)
    {
        if (workers <= 1)
        {
            sweep(0, ct);
            return;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = stop.Token;
        Exception? failure = null;
        void Guarded(int worker)
        {
            try { sweep(worker, token); }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
                stop.Cancel();
            }
        }

        var others = new Task[workers - 1];
        for (var w = 1; w < workers; w++)
        {
            var worker = w;
            others[w - 1] = Task.Factory.StartNew(() => Guarded(worker), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        Guarded(0);
        Task.WaitAll(others);   // Guarded never throws: every worker has left the barrier when this returns
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        ct.ThrowIfCancellationRequested();
    }
}
