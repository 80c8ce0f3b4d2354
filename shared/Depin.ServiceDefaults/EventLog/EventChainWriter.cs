using Depin.ServiceDefaults.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Depin.ServiceDefaults.EventLog;

/// <summary>
/// Extends the log's hash chain in the background, behind the daemon's high-water mark. A link is not needed
/// on any job's path, so this runs on its own slow clock (EventStore:ChainIntervalMilliseconds) and costs a few
/// statements a second, not a few per event.
/// </summary>
internal sealed class EventChainWriter(EventLogSource source, IOptions<EventStoreOptions> options, ILogger<EventChainWriter> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var (interval, batch) = (TimeSpan.FromMilliseconds(options.Value.ChainIntervalMilliseconds), options.Value.ChainBatchSize);
        while (!stoppingToken.IsCancellationRequested)
        {
            var linked = 0;
            try
            {
                await using var connection = await source.OpenAsync(stoppingToken);
                linked = await source.Chain.ExtendAsync(connection, batch, stoppingToken);
            }
            catch (NpgsqlException ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The schema may not exist yet at start, or PostgreSQL may be restarting: the next round retries.
                logger.LogWarning("Could not extend the {Log} event chain yet: {Reason}", source.Log, ex.Message);
            }
            if (linked < batch) await Task.Delay(interval, stoppingToken);
        }
    }
}
