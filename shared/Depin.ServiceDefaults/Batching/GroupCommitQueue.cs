namespace Depin.ServiceDefaults.Batching;

/// <summary>
/// Group commit: each item waits here, and a batch takes everything that is waiting (up to the limit) as soon as one
/// of the workers is free, so a lone item is handled at once and a backlog in batches as large as it is. The handler
/// resolves each item of its batch; if it throws, every item it left unresolved fails with that exception.
/// </summary>
public sealed class GroupCommitQueue<TItem, TResult>(int workers, int limit, Func<IReadOnlyList<GroupCommitQueue<TItem, TResult>.Waiting>, Task> handle)
{
    private readonly Queue<Waiting> _waiting = new();
    private int _running;

    /// <summary>Items waiting for a batch (not those in a batch being handled).</summary>
    public int Count
    {
        get { lock (_waiting) return _waiting.Count; }
    }

    public Task<TResult> AddAsync(TItem item)
    {
        var waiting = new Waiting(item);
        bool startWorker;
        lock (_waiting)
        {
            _waiting.Enqueue(waiting);
            startWorker = _running < workers;
            if (startWorker) _running++;
        }
        if (startWorker) _ = Task.Run(WorkAsync);
        return waiting.Result;
    }

    private async Task WorkAsync()
    {
        while (Take() is { Count: > 0 } batch)
        {
            try
            {
                await handle(batch);
                foreach (var w in batch) w.Fail(new InvalidOperationException("the batch handler left this item unresolved"));
            }
            catch (Exception ex)
            {
                foreach (var w in batch) w.Fail(ex);
            }
        }
    }

    /// <summary>The next batch; empty when nothing waits, and the worker that asked then stops.</summary>
    private List<Waiting> Take()
    {
        lock (_waiting)
        {
            var batch = new List<Waiting>(Math.Min(limit, _waiting.Count));
            while (batch.Count < limit && _waiting.TryDequeue(out var next)) batch.Add(next);
            if (batch.Count == 0) _running--;
            return batch;
        }
    }

    /// <summary>An item in a batch, with the outcome its caller awaits.</summary>
    public sealed class Waiting(TItem item)
    {
        private readonly TaskCompletionSource<TResult> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TItem Item => item;

        public DateTime Received { get; } = DateTime.UtcNow;

        public Task<TResult> Result => _outcome.Task;

        public void Succeed(TResult result) => _outcome.TrySetResult(result);

        public void Fail(Exception ex) => _outcome.TrySetException(ex);
    }
}
