using Microsoft.Extensions.Options;
using Npgsql;

namespace Depin.NodeRegistry.Nodes.Liveness;

/// <summary>Marks online nodes that missed their heartbeats as offline.</summary>
public sealed partial class LivenessSweeper(NpgsqlDataSource dataSource, NodeCommandRunner nodes, IOptions<RegistryOptions> options,
    TimeProvider time, ILogger<LivenessSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.SweepIntervalMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var now = time.GetUtcNow();
                await using var command = dataSource.CreateCommand("select node_id from nodes where online and last_seen < $1");
                command.Parameters.Add(new() { Value = now.AddSeconds(-options.Value.HeartbeatTimeoutSeconds) });
                var silent = new List<Guid>();
                await using (var reader = await command.ExecuteReaderAsync(stoppingToken))
                    while (await reader.ReadAsync(stoppingToken)) silent.Add(reader.GetGuid(0));
                foreach (var nodeId in silent)
                {
                    await nodes.RunAsync(nodeId, new MarkOffline(now), null, stoppingToken);
                    LogOffline(nodeId, options.Value.HeartbeatTimeoutSeconds);
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
