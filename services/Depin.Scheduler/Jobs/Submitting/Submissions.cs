using Depin.EventSourcing.Deciding;
using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Batching;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Jobs.Submitting;

/// <summary>
/// Submitted jobs are stored in group commits: each submission waits here, and a batch takes every submission waiting
/// (up to Scheduler:SubmitBatchSize) as soon as one of Scheduler:SubmitBatchWorkers is free, its new streams loaded in
/// one round trip and stored in one transaction. A lone submission is stored at once, as before; a burst of them no
/// longer pays a transaction, a commit flush and four round trips each (2,000 one-job transactions per 2,000-job burst).
/// A batch that fails is stored again one submission at a time, so one bad submission fails only itself.
/// </summary>
public sealed partial class Submissions
{
    private readonly IDocumentStore _store;
    private readonly JobCommandRunner _runner;
    private readonly ILogger<Submissions> _logger;
    private readonly GroupCommitQueue<Submission, Decided<Job, IJobEvent>> _queue;

    public Submissions(IDocumentStore store, JobCommandRunner runner, IOptions<SchedulerOptions> options, ILogger<Submissions> logger)
    {
        (_store, _runner, _logger) = (store, runner, logger);
        _queue = new(Math.Max(1, options.Value.SubmitBatchWorkers), Math.Max(1, options.Value.SubmitBatchSize), StoreAsync);
    }

    /// <summary>Stores the job's submission (or its rejection, which stores nothing) with whatever others are waiting.</summary>
    public Task<Decided<Job, IJobEvent>> SubmitAsync(SubmitJob command, Guid? correlationId) => _queue.AddAsync(new Submission(command, correlationId));

    private sealed record Submission(SubmitJob Command, Guid? CorrelationId);

    private async Task StoreAsync(IReadOnlyList<GroupCommitQueue<Submission, Decided<Job, IJobEvent>>.Waiting> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                await StoreTogetherAsync(batch);
                return;
            }
            catch (Exception ex)
            {
                LogBatchFellBack(batch.Count, ex);
            }
        }
        foreach (var w in batch)
        {
            try { w.Succeed(await _runner.RunAsync(w.Item.Command.JobId, w.Item.Command, w.Item.CorrelationId, CancellationToken.None)); }
            catch (Exception ex) { w.Fail(ex); }
        }
    }

    private async Task StoreTogetherAsync(IReadOnlyList<GroupCommitQueue<Submission, Decided<Job, IJobEvent>>.Waiting> batch)
    {
        await using var session = _store.LightweightSession();
        var keys = batch.Select(w => JobDecider.StreamId(w.Item.Command.JobId)).ToList();
        // Stream order, as every batch takes its locks (a new job's stream has no row yet, so this locks nothing).
        var streams = await session.FetchManyForWritingAsync<Job>(keys.Order(StringComparer.Ordinal), Locking.Exclusive, CancellationToken.None);
        var decided = batch.Select((w, i) => streams[keys[i]].Decide(JobDecider.Decider, [w.Item.Command])).ToList();
        var correlation = batch.Select((w, i) => (keys[i], w.Item.CorrelationId)).ToDictionary(p => p.Item1, p => p.CorrelationId, StringComparer.Ordinal);
        foreach (var stream in session.PendingChanges.Streams())
            if (correlation.GetValueOrDefault(stream.Key!) is { } id)
                foreach (var e in stream.Events) e.CorrelationId = id.ToString();
        await session.SaveChangesAsync(CancellationToken.None);
        for (var i = 0; i < batch.Count; i++) batch[i].Succeed(_runner.Log(batch[i].Item.Command.JobId, [batch[i].Item.Command], decided[i]));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} submissions failed together; storing them one at a time")]
    private partial void LogBatchFellBack(int count, Exception ex);
}
