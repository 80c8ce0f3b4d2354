using Depin.EventSourcing.Deciding;
using Depin.Scheduler.Jobs.Querying;
using Depin.Scheduler.Nodes;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// Places queued jobs on the best online nodes, and ends leases and deadlines that ran out. Runs every
/// sweep interval, or at once when woken. Several schedulers may sweep: appends are optimistic.
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

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var batchSize = options.Value.PlacementBatchSize;
        await using var session = store.QuerySession();
        foreach (var due in (await JobReader.DueAsync(session, now, ct)).Chunk(batchSize))
            await InBatchAsync(due, _ => new CheckTimeouts(now), _ => { }, ct);

        // Oldest first, one transaction per batch, until the queue is empty or nothing more can be placed.
        while (await JobReader.QueuedAsync(session, batchSize, ct) is { Count: > 0 } queued)
        {
            var candidates = await PlacementNodes.OnlineCandidatesAsync(session, ct);
            var placed = 0;
            await InBatchAsync(queued, _ => new PlaceJob(candidates, options.Value.Lease, time.GetUtcNow()), decided =>
            {
                if (decided.Decision.Events.OfType<JobAssigned>().FirstOrDefault() is not { } assigned) return;
                // Count the new assignment so the next job of this sweep prefers a less loaded node.
                var i = candidates.FindIndex(c => c.NodeId == assigned.NodeId);
                candidates[i] = candidates[i] with { ActiveJobs = candidates[i].ActiveJobs + 1 };
                placed++;
            }, ct);
            if (placed == 0 || queued.Count < batchSize) return;
        }
    }

    private async Task InBatchAsync(IEnumerable<Guid> jobIds, Func<Guid, IJobCommand> command, Action<Decided<Job, IJobEvent>> decided, CancellationToken ct)
    {
        try
        {
            await using var batch = jobs.BeginBatch();
            foreach (var jobId in jobIds) decided(await batch.DecideAsync(jobId, command(jobId), ct));
            await batch.CommitAsync(ct);
        }
        catch (ConcurrencyException) { }   // another scheduler moved one of them; the next sweep sees the new state
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job sweep failed; retrying")]
    private partial void LogSweepFailed(Exception ex);
}
