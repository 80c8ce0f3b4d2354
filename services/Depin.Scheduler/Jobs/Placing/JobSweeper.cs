using Depin.Scheduler.Nodes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// Places queued jobs on the best online nodes, and ends leases and deadlines that ran out. Runs every
/// sweep interval, or at once when woken. Several schedulers may sweep: appends are optimistic.
/// </summary>
public sealed partial class JobSweeper(
    NpgsqlDataSource dataSource, NodeView nodes, JobCommandRunner jobs, PlacementSignal signal,
    IOptions<SchedulerOptions> options, TimeProvider time, ILogger<JobSweeper> logger) : BackgroundService
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
        foreach (var jobId in await JobIdsAsync("""
                     select job_id from jobs
                     where status in ('submitted', 'queued', 'assigned', 'running') and (deadline <= $1 or lease_until <= $1)
                     """, ct, now))
            await TryAsync(jobId, new CheckTimeouts(now), ct);

        var queued = await JobIdsAsync("select job_id from jobs where status = 'queued' order by submitted_at limit 500", ct);
        if (queued.Count == 0) return;
        var candidates = await nodes.OnlineCandidatesAsync(ct);
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

    private async Task<EventStore.Deciding.Decided<Job, IJobEvent>?> TryAsync(Guid jobId, IJobCommand command, CancellationToken ct)
    {
        try { return await jobs.RunAsync(jobId, command, null, ct); }
        catch (EventStore.Streams.ConcurrencyException) { return null; }   // someone else moved it; next sweep sees the new state
    }

    private async Task<List<Guid>> JobIdsAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var arg in args) command.Parameters.Add(new() { Value = arg });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job sweep failed; retrying")]
    private partial void LogSweepFailed(Exception ex);
}
