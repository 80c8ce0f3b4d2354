using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Depin.EventStore.Relay;

/// <summary>
/// The log is the outbox: tails the global log from its checkpoint and publishes each event, then
/// moves the checkpoint. At-least-once; consumers' inboxes make redelivery harmless. One relay per
/// service schema runs at a time (a session advisory lock), so scaled-out instances do not race.
/// </summary>
public sealed partial class EventRelay(EventStore store, CheckpointStore checkpoints, IEventPublisher publisher, ILogger<EventRelay> logger)
    : BackgroundService
{
    public const string CheckpointName = "relay";
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lockConnection = await store.DataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryLockAsync(lockConnection, stoppingToken))
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                    continue;
                }
                await PumpAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                LogRelayFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        var checkpoint = await checkpoints.LoadAsync(CheckpointName, ct);
        while (!ct.IsCancellationRequested)
        {
            var batch = await store.ReadAllAsync(checkpoint, 256, ct);
            if (batch.Count == 0)
            {
                await Task.Delay(Idle, ct);
                continue;
            }
            foreach (var recorded in batch)
                await publisher.PublishAsync(recorded, ct);
            checkpoint = batch[^1].Checkpoint;
            await checkpoints.SaveAsync(CheckpointName, checkpoint, ct);
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtext('depin-relay-' || current_schema()))", connection);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event relay failed; retrying from the last checkpoint")]
    private partial void LogRelayFailed(Exception ex);
}
