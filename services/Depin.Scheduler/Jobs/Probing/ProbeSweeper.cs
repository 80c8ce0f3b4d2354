using System.Security.Cryptography;
using Depin.Scheduler.Nodes;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Jobs.Probing;

/// <summary>
/// Every <see cref="ProbeOptions.IntervalSeconds"/>, probes <see cref="ProbeOptions.NodesPerInterval"/> online nodes drawn
/// at random among those that take work (a suspended node gets none, probes included). Off while no probe account is set.
/// A node no recent verified job fits is skipped until one does. With several scheduler instances, each sweep is claimed
/// through <see cref="ProbeSweepClaim"/>, so the network is probed once an interval, not once per instance.
/// </summary>
public sealed partial class ProbeSweeper(IDocumentStore store, Prober prober, IOptions<SchedulerOptions> options, TimeProvider time,
    ILogger<ProbeSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var probes = options.Value.Probes;
        if (probes.AccountId is null || probes.IntervalSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(probes.IntervalSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await ProbeSweepClaim.TryClaimAsync(store, time.GetUtcNow(), TimeSpan.FromSeconds(probes.IntervalSeconds), stoppingToken))
                    await SweepAsync(probes.NodesPerInterval, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { LogSweepFailed(ex); }
        }
    }

    private async Task SweepAsync(int count, CancellationToken ct)
    {
        List<Guid> online;
        await using (var session = store.QuerySession())
            online = [.. await session.Query<PlacementNode>().Where(n => n.Online && !n.Draining && !n.Suspended).Select(n => n.Id).ToListAsync(ct)];
        RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(online));
        foreach (var nodeId in online.Take(count))
        {
            var (sent, why) = await prober.ProbeAsync(nodeId, null, ct);
            if (sent is not null) LogProbed(nodeId, sent.JobId, sent.SourceJobId);
            else LogNotProbed(nodeId, why!.Detail);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe {JobId} sent to node {NodeId} (known answer from job {SourceJobId})")]
    private partial void LogProbed(Guid nodeId, Guid jobId, Guid sourceJobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} not probed: {Reason}")]
    private partial void LogNotProbed(Guid nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A probe sweep failed")]
    private partial void LogSweepFailed(Exception ex);
}
