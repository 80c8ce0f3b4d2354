using Depin.EventSourcing.Deciding;
using Depin.Scheduler.Jobs.Querying;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// Places queued jobs on the best online nodes, and ends leases and deadlines that ran out. Runs every
/// sweep interval, or at once when woken (placement then; leases and deadlines at most once an interval, as
/// a wake after every batch of results would otherwise scan the jobs in flight hundreds of times a second).
/// Several schedulers may sweep: appends are optimistic.
/// </summary>
public sealed partial class JobSweeper(
    IDocumentStore store, JobCommandRunner jobs, PlacementSignal signal, IOptions<SchedulerOptions> options, TimeProvider time,
    ILogger<JobSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.SweepIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(interval, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { LogSweepFailed(ex); }
        }
    }

    private DateTimeOffset _timeoutsCheckedAt = DateTimeOffset.MinValue;

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var batchSize = options.Value.PlacementBatchSize;
        await using var session = store.QuerySession();
        if (now - _timeoutsCheckedAt >= TimeSpan.FromMilliseconds(options.Value.SweepIntervalMilliseconds))
        {
            _timeoutsCheckedAt = now;
            foreach (var due in (await JobReader.DueAsync(session, now, ct)).Chunk(batchSize))
                await InBatchAsync(due.ToDictionary(j => j.JobId, j => j.CorrelationId), _ => _ => Task.FromResult<IJobCommand>(new CheckTimeouts(now)), (_, _) => { }, ct);
        }

        // Oldest first, one transaction per batch, until the queue is empty or nothing more can be placed. Only the jobs a
        // node with a free slot could take are loaded (PlacementSieve); the decisions then take the placement round's turn.
        while (await JobReader.QueuedAsync(session, batchSize, ct) is { Count: > 0 } queued)
        {
            var placeable = PlacementSieve.Placeable(queued, await PlacementRound.SnapshotAsync(session, ct));
            var placed = 0;
            if (placeable.Count > 0)
                await InBatchAsync(queued.Where(j => placeable.Contains(j.JobId)).ToDictionary(j => j.JobId, j => j.CorrelationId), batch => async _ => await batch.Placement.PlaceJobAsync(time.GetUtcNow(), ct), (batch, decided) =>
                {
                    batch.Placement.Count(decided);
                    if (decided.Decision.Events.OfType<JobAssigned>().Any()) placed++;
                }, ct);
            if (placed == 0 || queued.Count < batchSize)
            {
                signal.SlotsWanted = placed < queued.Count;
                return;
            }
        }
        signal.SlotsWanted = false;   // the queue is empty
    }

    /// <summary>
    /// The jobs (each with its submission's correlation id) in stream order, as batched consumers lock, so that a sweep
    /// and a batch of messages cannot deadlock.
    /// </summary>
    private async Task InBatchAsync(IReadOnlyDictionary<Guid, string?> correlations, Func<JobCommandRunner.JobBatch, Func<Guid, Task<IJobCommand>>> command,
        Action<JobCommandRunner.JobBatch, Decided<Job, IJobEvent>> decided, CancellationToken ct)
    {
        try
        {
            await using var batch = jobs.BeginBatch(options.Value);
            var commandFor = command(batch);
            var ordered = correlations.Keys.OrderBy(JobDecider.StreamId, StringComparer.Ordinal).ToList();
            await batch.LoadAsync(ordered, ct);
            foreach (var jobId in ordered)
                decided(batch, batch.Decide(jobId, await commandFor(jobId), correlations[jobId]));
            await batch.CommitAsync(ct);
        }
        catch (ConcurrencyException) { }   // another scheduler moved one of them; the next sweep sees the new state
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job sweep failed; retrying")]
    private partial void LogSweepFailed(Exception ex);
}
