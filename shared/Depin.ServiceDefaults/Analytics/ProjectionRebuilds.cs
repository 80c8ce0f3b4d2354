using System.Collections.Concurrent;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Depin.ServiceDefaults.Analytics;

/// <summary>Where an async projection stands: its position against the high-water mark, and its last or running rebuild.</summary>
public sealed record ProjectionStatus(string Name, long Position, long HighWaterMark, RebuildStatus? Rebuild)
{
    public long Behind => Math.Max(0, HighWaterMark - Position);
}

/// <summary>A rebuild from position 0: how far it got, how fast, and how it ended.</summary>
public sealed record RebuildStatus(DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long Target, long Events, double EventsPerSecond, string? Error)
{
    public bool Running => FinishedAt is null;
}

/// <summary>
/// The service's analytics projections (async, run by Marten's daemon): their progress, and rebuilds from
/// position 0 while the service keeps running. The daemon replays every event into fresh documents and then
/// carries on live from where the rebuild ended. One rebuild at a time in a service (others wait their turn), with the
/// analytics coordinator paused meanwhile: left running, its loop restarted the live agent of the projection being rebuilt
/// within a polling interval, and the two agents wrote the same documents (a suite run saw a provider's day whose revenue
/// no longer matched its payout and fees).
/// </summary>
public sealed class ProjectionRebuilds(IAnalyticsStore store, IServiceProvider services, AnalyticsProjections projections,
    TimeProvider time, ILogger<ProjectionRebuilds> logger)
{
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    private sealed class Run(DateTimeOffset started, long target)
    {
        public DateTimeOffset Started { get; } = started;
        public long Target { get; } = target;
        public DateTimeOffset? Finished { get; set; }
        public long FinalEvents { get; set; }
        public string? Error { get; set; }
    }

    public bool Knows(string name) => projections.Names.Contains(name);

    public async Task<ProjectionStatus> StatusAsync(string name, CancellationToken ct)
    {
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        var position = progress.FirstOrDefault(s => s.ShardName == $"{name}:All")?.Sequence ?? 0;
        var highWater = progress.FirstOrDefault(s => s.ShardName == "HighWaterMark")?.Sequence ?? 0;
        return new ProjectionStatus(name, position, highWater, _runs.TryGetValue(name, out var run) ? Describe(run, position) : null);
    }

    /// <summary>Starts a rebuild in the background; false when one of this projection is already running.</summary>
    public async Task<bool> TryStartAsync(string name, CancellationToken ct)
    {
        var target = (await StatusAsync(name, ct)).HighWaterMark;
        var run = new Run(time.GetUtcNow(), target);
        var current = _runs.AddOrUpdate(name, run, (_, existing) => existing.Finished is null ? existing : run);
        if (!ReferenceEquals(current, run)) return false;
        _ = Task.Run(async () =>
        {
            try
            {
                // Registered only where the daemon runs (the API refuses a rebuild elsewhere).
                var coordinator = services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator<IAnalyticsStore>>();
                await _oneAtATime.WaitAsync();
                try
                {
                    await coordinator.PauseAsync();
                    var daemon = coordinator.DaemonForMainDatabase();
                    try { await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(10), CancellationToken.None); }
                    finally { await coordinator.ResumeAsync(); }
                    // Resuming restarts the other shards but not always the rebuilt one (a test saw provider-days stop at
                    // the rebuild's target while events kept coming): start it unless it is running.
                    var shard = $"{name}:All";
                    if (!daemon.CurrentAgents().Any(a => a.Name.Identity == shard && a.Status == JasperFx.AgentStatus.Running))
                        await daemon.StartAgentAsync(shard, CancellationToken.None);
                }
                finally { _oneAtATime.Release(); }
                run.FinalEvents = (await StatusAsync(name, CancellationToken.None)).Position;
                logger.LogInformation("Rebuilt projection {Projection} through position {Position}", name, run.FinalEvents);
            }
            catch (Exception ex)
            {
                run.Error = ex.Message;
                logger.LogError(ex, "Rebuilding projection {Projection} failed", name);
            }
            finally { run.Finished = time.GetUtcNow(); }
        }, CancellationToken.None);
        return true;
    }

    private RebuildStatus Describe(Run run, long position)
    {
        var events = run.Finished is null ? position : run.FinalEvents;
        var seconds = ((run.Finished ?? time.GetUtcNow()) - run.Started).TotalSeconds;
        return new RebuildStatus(run.Started, run.Finished, run.Target, events, seconds > 0 ? Math.Round(events / seconds) : 0, run.Error);
    }
}

/// <summary>The second Marten store, over the service's own schema, whose daemon runs the analytics projections.</summary>
public interface IAnalyticsStore : IDocumentStore;

/// <summary>The names of this service's analytics projections (each service registers its own).</summary>
public sealed record AnalyticsProjections(IReadOnlySet<string> Names);
