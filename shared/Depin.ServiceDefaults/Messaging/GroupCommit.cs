using MassTransit;
using MassTransit.Batching;
using MassTransit.Context;
using Microsoft.Extensions.DependencyInjection;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// Group commit for a batch consumer: each delivered message waits here, and a batch takes everything that is
/// waiting (up to <see cref="InboxBatchDefinition{TConsumer, T}.MessageLimit"/>) as soon as a batch slot is free. Each
/// message's own consume completes when its batch has committed, and fails (for the bus to retry it alone) when its
/// batch failed; the inbox skips what did commit.
/// MassTransit's batch collector closes a batch when no message came for a time limit, so on a busy machine, where
/// delivery itself lags, a backlog of 800 messages was cut into batches of four; a longer limit delays every lone
/// message by as much.
/// </summary>
public sealed class GroupCommit<TConsumer, T>(IServiceScopeFactory scopes, InboxBatchDefinition<TConsumer, T> definition)
    where TConsumer : class, IConsumer<Batch<T>>
    where T : class
{
    private readonly Func<T, int>? _laneKey = definition.Lane;

    private readonly Lane[] _lanes = definition.Lane is null
        ? [new Lane(definition.ConcurrencyLimit)]
        : [.. Enumerable.Range(0, definition.ConcurrencyLimit).Select(_ => new Lane(1))];

    /// <summary>Messages waiting for a batch (not those in a batch being handled).</summary>
    public int Waiting => _lanes.Sum(l => l.Count);

    public Task HandleAsync(ConsumeContext<T> context)
    {
        var lane = _lanes[_laneKey is null ? 0 : (int)((uint)_laneKey(context.Message) % (uint)_lanes.Length)];
        var pending = new Pending(context, DateTime.UtcNow);
        if (lane.Add(pending)) _ = Task.Run(() => WorkAsync(lane));
        return pending.Done.Task;
    }

    private async Task WorkAsync(Lane lane)
    {
        while (lane.Take(InboxBatchDefinition<TConsumer, T>.MessageLimit) is { Count: > 0 } batch)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var contexts = batch.Select(w => w.Context).ToList();
                var messages = new MessageBatch<T>(batch[0].Received, batch[^1].Received, BatchCompletionMode.Size, contexts);
                await scope.ServiceProvider.GetRequiredService<TConsumer>().Consume(new MessageConsumeContext<Batch<T>>(contexts[0], messages));
                foreach (var w in batch) w.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                foreach (var w in batch) w.Done.TrySetException(ex);
            }
        }
    }

    private sealed record Pending(ConsumeContext<T> Context, DateTime Received)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Messages waiting for a batch, and how many workers take batches from them.</summary>
    private sealed class Lane(int workers)
    {
        private readonly Queue<Pending> _waiting = new();
        private int _running;

        public int Count
        {
            get { lock (_waiting) return _waiting.Count; }
        }

        /// <summary>Queues the message; true when the caller must start a worker for it.</summary>
        public bool Add(Pending pending)
        {
            lock (_waiting)
            {
                _waiting.Enqueue(pending);
                if (_running == workers) return false;
                _running++;
                return true;
            }
        }

        /// <summary>The next batch; empty when nothing waits, and the worker that asked then stops.</summary>
        public List<Pending> Take(int limit)
        {
            lock (_waiting)
            {
                var batch = new List<Pending>(Math.Min(limit, _waiting.Count));
                while (batch.Count < limit && _waiting.TryDequeue(out var next)) batch.Add(next);
                if (batch.Count == 0) _running--;
                return batch;
            }
        }
    }
}
