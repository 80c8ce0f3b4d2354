using Depin.EventSourcing.Deciding;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Billing.Stakes;

/// <summary>
/// Gives unbonding stake back once its cooling-off has ended. Two billing instances may both try: the second decides again
/// on the stream the first moved and releases nothing.
/// </summary>
public sealed partial class StakeReleaser(IDocumentStore store, IOptions<BillingOptions> options, TimeProvider time, ILogger<StakeReleaser> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.StakeReleaseSweepSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var now = time.GetUtcNow();
                await using var session = store.QuerySession();
                var due = await session.Query<StakeRecord>().Where(s => s.NextReleaseAt != null && s.NextReleaseAt <= now).Select(s => s.NodeId)
                    .Take(1_000).ToListAsync(stoppingToken);
                foreach (var nodeId in due)
                {
                    var decided = await store.DecideAndSaveAsync(StakeDecider.StreamId(nodeId), StakeDecider.Decider, new ReleaseStake(now), null, stoppingToken);
                    if (decided.Decision.Events is [StakeReleased released]) LogReleased(nodeId, released.Amount);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { LogSweepFailed(ex); }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stake of node {NodeId} released: {Amount}")]
    private partial void LogReleased(Guid nodeId, long amount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stake release sweep failed")]
    private partial void LogSweepFailed(Exception ex);
}
