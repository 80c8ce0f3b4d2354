using Depin.NodeRegistry.Nodes.Querying;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.NodeRegistry.Nodes.Liveness;

/// <summary>
/// Marks online nodes that missed their heartbeats as offline. Silence is counted from the sweeper's own start at the
/// earliest: while the registry was down (killed, restarting) nobody heard the nodes, and their beats wait in its queue, so
/// a restart must not take every node offline and lose every running attempt.
/// </summary>
public sealed partial class LivenessSweeper(IDocumentStore store, NodeCommandRunner nodes, IOptions<RegistryOptions> options,
    TimeProvider time, ILogger<LivenessSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listeningSince = time.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.SweepIntervalMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var now = time.GetUtcNow();
                var cutoff = now.AddSeconds(-options.Value.HeartbeatTimeoutSeconds);
                await using var session = store.QuerySession();
                var online = await session.Query<NodeRecord>().Where(n => n.Online).ToListAsync(stoppingToken);
                var beats = (await session.LoadManyAsync<NodeBeat>(stoppingToken, online.Select(n => n.NodeId).ToArray())).ToDictionary(b => b.Id, b => b.LastSeen);
                foreach (var node in online)
                {
                    var lastSeen = beats.TryGetValue(node.NodeId, out var seen) && seen > node.OnlineSince ? seen : node.OnlineSince;
                    if (lastSeen < listeningSince) lastSeen = listeningSince;
                    if (lastSeen >= cutoff) continue;
                    await nodes.RunAsync(node.NodeId, new MarkOffline(now), null, stoppingToken);
                    LogOffline(node.NodeId, options.Value.HeartbeatTimeoutSeconds);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { LogSweepFailed(ex); }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} went offline: no heartbeat for {Seconds} s")]
    private partial void LogOffline(Guid nodeId, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Liveness sweep failed")]
    private partial void LogSweepFailed(Exception ex);
}
