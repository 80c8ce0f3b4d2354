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
        await using var session = store.QuerySession();
        foreach (var jobId in await JobReader.DueAsync(session, now, ct))
            await TryAsync(jobId, new CheckTimeouts(now), ct);

        var queued = await JobReader.QueuedAsync(session, options.Value.PlacementBatchSize, ct);
        if (queued.Count == 0) return;
        var candidates = await PlacementNodes.OnlineCandidatesAsync(session, ct);
        foreach (var jobId in queued)
        {
            var decided = await TryAsync(jobId, new PlaceJob(candidates, options.Value.Lease, time.GetUtcNow()), ct);
            if (decided?.Decision.Events.OfType<JobAssigned>().FirstOrDefault() is { } assigned)
            {
                // Count the new assignment so the next job of this sweep prefers a less loaded node.
                var i = candidates.FindIndex(c => c.NodeId == assigned.NodeId);
                candidates[i] = candidates[i] with { ActiveJobs = candidates[i].ActiveJobs + 1 };
            }
        }
    }

    private async Task<Decided<Job, IJobEvent>?> TryAsync(Guid jobId, IJobCommand command, CancellationToken ct)
    {
        try { return await jobs.RunAsync(jobId, command, null, ct); }
        catch (ConcurrencyException) { return null; }   // someone else moved it; the next sweep sees the new state
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job sweep failed; retrying")]
    private partial void LogSweepFailed(Exception ex);
}
