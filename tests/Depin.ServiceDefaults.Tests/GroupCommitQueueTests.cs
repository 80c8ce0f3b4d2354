using Depin.ServiceDefaults.Batching;

namespace Depin.ServiceDefaults.Tests;

/// <summary>The group commit itself: lone items at once, a backlog in batches as large as it is, failures to each item's caller.</summary>
public sealed class GroupCommitQueueTests
{
    private sealed class HeldHandler
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _entered = new(0);

        public List<List<int>> Batches { get; } = [];

        public async Task HandleAsync(IReadOnlyList<GroupCommitQueue<int, int>.Waiting> batch)
        {
            lock (Batches) Batches.Add(batch.Select(w => w.Item).ToList());
            _entered.Release();
            await _release.Task;
            foreach (var w in batch) w.Succeed(w.Item * 10);
        }

        public Task<bool> EnteredAsync() => _entered.WaitAsync(TimeSpan.FromSeconds(10));

        public void Release() => _release.TrySetResult();
    }

    [Fact]
    public async Task A_lone_item_goes_at_once_and_the_backlog_behind_it_goes_in_batches_up_to_the_limit()
    {
        var handler = new HeldHandler();
        var queue = new GroupCommitQueue<int, int>(workers: 1, limit: 25, handler.HandleAsync);

        var first = queue.AddAsync(0);
        Assert.True(await handler.EnteredAsync());
        var rest = Enumerable.Range(1, 40).Select(queue.AddAsync).ToList();
        Assert.Equal(40, queue.Count);
        handler.Release();

        Assert.Equal(0, await first);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => i * 10), await Task.WhenAll(rest));
        Assert.Equal([[0], Enumerable.Range(1, 25).ToList(), Enumerable.Range(26, 15).ToList()], handler.Batches);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Each_worker_takes_its_own_batch()
    {
        var handler = new HeldHandler();
        var queue = new GroupCommitQueue<int, int>(workers: 2, limit: 100, handler.HandleAsync);

        var first = queue.AddAsync(1);
        Assert.True(await handler.EnteredAsync());
        var second = queue.AddAsync(2);
        Assert.True(await handler.EnteredAsync());   // the second does not wait for the first's batch
        var both = new[] { first, second };
        handler.Release();

        var outcomes = await Task.WhenAll(both);
        Assert.Equal(new[] { 10, 20 }, outcomes);
        Assert.Equal(2, handler.Batches.Count);
    }

    [Fact]
    public async Task A_failing_batch_fails_what_it_left_unresolved_and_the_queue_goes_on()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new GroupCommitQueue<int, int>(workers: 1, limit: 10, async batch =>
        {
            if (batch[0].Item == 0) await gate.Task;   // holds the worker while the next batch gathers
            if (batch.Count > 1)
            {
                batch[0].Succeed(batch[0].Item);
                throw new InvalidOperationException("the database went away");
            }
            batch[0].Succeed(batch[0].Item);
        });

        var holder = queue.AddAsync(0);
        await WaitUntilAsync(() => queue.Count == 0);   // the worker has taken it
        var (resolved, unresolved) = (queue.AddAsync(1), queue.AddAsync(2));
        gate.SetResult();

        Assert.Equal(0, await holder);
        Assert.Equal(1, await resolved);   // resolved before the throw: its caller keeps the outcome
        Assert.Equal("the database went away", (await Assert.ThrowsAsync<InvalidOperationException>(() => unresolved)).Message);
        Assert.Equal(3, await queue.AddAsync(3));   // the worker goes on

        var forgetful = new GroupCommitQueue<int, int>(workers: 1, limit: 10, _ => Task.CompletedTask);
        await Assert.ThrowsAsync<InvalidOperationException>(() => forgetful.AddAsync(1));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
