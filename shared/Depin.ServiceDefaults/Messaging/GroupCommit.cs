using Depin.ServiceDefaults.Batching;
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
public sealed class GroupCommit<TConsumer, T>
    where TConsumer : class, IConsumer<Batch<T>>
    where T : class
{
    private readonly IServiceScopeFactory _scopes;
    private readonly Func<T, int>? _laneKey;
    private readonly GroupCommitQueue<ConsumeContext<T>, bool>[] _lanes;

    public GroupCommit(IServiceScopeFactory scopes, InboxBatchDefinition<TConsumer, T> definition)
    {
        _scopes = scopes;
        _laneKey = definition.Lane;
        _lanes = definition.Lane is null
            ? [Lane(definition.ConcurrencyLimit)]
            : [.. Enumerable.Range(0, definition.ConcurrencyLimit).Select(_ => Lane(1))];
    }

    /// <summary>Messages waiting for a batch (not those in a batch being handled).</summary>
    public int Waiting => _lanes.Sum(l => l.Count);

    public Task HandleAsync(ConsumeContext<T> context) =>
        _lanes[_laneKey is null ? 0 : (int)((uint)_laneKey(context.Message) % (uint)_lanes.Length)].AddAsync(context);

    private GroupCommitQueue<ConsumeContext<T>, bool> Lane(int workers) => new(workers, InboxBatchDefinition<TConsumer, T>.MessageLimit, ConsumeAsync);

    /// <summary>The batch consumer on the batch: each message's consume completes with it, or fails with it.</summary>
    private async Task ConsumeAsync(IReadOnlyList<GroupCommitQueue<ConsumeContext<T>, bool>.Waiting> batch)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var contexts = batch.Select(w => w.Item).ToList();
        var messages = new MessageBatch<T>(batch[0].Received, batch[^1].Received, BatchCompletionMode.Size, contexts);
        await scope.ServiceProvider.GetRequiredService<TConsumer>().Consume(new MessageConsumeContext<Batch<T>>(contexts[0], messages));
        foreach (var w in batch) w.Succeed(true);
    }
}
