using System.Security.Cryptography;
using Depin.Compute.Backends;
using Depin.EventSourcing.Deciding;
using Depin.Scheduler.Jobs.Querying;
using Depin.Scheduler.Nodes;
using Marten;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Jobs.Probing;

/// <summary>
/// Sends a node a known-answer probe: a job with the kernel and parameters of a recent job that a quorum of other nodes
/// agreed on, which this node did not run, no bigger than <see cref="ProbeOptions.MaxUnits"/>, on a device class it offers
/// at its own price. The answer stays with the scheduler.
/// </summary>
public sealed class Prober(IDocumentStore store, JobCommandRunner runner, IOptions<SchedulerOptions> options, TimeProvider time)
{
    public sealed record Sent(Guid JobId, Guid SourceJobId);

    /// <summary>
    /// The probe sent, or why none could be (no probe account, the node unknown or offline, no answer that fits it). Its
    /// events carry the correlation id given (an operator's request), or else, as the sweeper's probes have no request,
    /// the probe job's own id.
    /// </summary>
    public async Task<(Sent? Probe, Rejection? Why)> ProbeAsync(Guid nodeId, Guid? correlationId, CancellationToken ct)
    {
        var probes = options.Value.Probes;
        if (probes.AccountId is not { } account) return (null, new Rejection(RejectionCode.Invalid, "probes are off: Scheduler:Probes:AccountId is not set"));
        await using var session = store.QuerySession();
        if (await session.LoadAsync<PlacementNode>(nodeId, ct) is not { Online: true } node)
            return (null, new Rejection(RejectionCode.NotFound, $"node {nodeId} is not known or not online"));
        if (node.Suspended || node.Draining)
            return (null, new Rejection(RejectionCode.Conflict, $"node {nodeId} takes no work now ({(node.Suspended ? "suspended" : "draining")})"));
        var offers = node.OffersOrCpu;
        var recent = await session.Query<JobRecord>()
            .Where(j => j.Status == JobStatus.Completed && j.LeadingVotes >= 2 && j.EstimatedUnits <= probes.MaxUnits && j.Kernel.IsOneOf(node.Capabilities.ToArray()))
            .OrderByDescending(j => j.SubmittedAt).Take(probes.AnswersConsidered).ToListAsync(ct);
        var fitting = recent
            .Where(j => j.ClientAccountId != account && j is { ResultHash: not null, ResultJson: not null } && j.Replicas.TrueForAll(r => r.NodeId != nodeId))
            .Select(j => (Job: j, Offer: offers.FirstOrDefault(o => o.DeviceClass == (j.RanOn ?? DeviceClass.Cpu))))
            .Where(f => f.Offer is not null).ToList();
        if (fitting.Count == 0) return (null, new Rejection(RejectionCode.Conflict, $"no recent verified job fits node {nodeId} (its kernels and device classes)"));

        var (source, offer) = fitting[RandomNumberGenerator.GetInt32(fitting.Count)];
        var now = time.GetUtcNow();
        var jobId = Guid.CreateVersion7(now);
        var known = new KnownAnswer(nodeId, source.JobId, source.ResultHash!, source.ResultJson!, offer!.DeviceClass);
        var terms = options.Value.Verification.Terms with { ExtraReplicas = 0, AutoReplication = 1 };
        var command = new SubmitJob(jobId, account, source.Kernel, source.ParametersJson, offer.PricePerUnit, source.EstimatedUnits,
            now.AddSeconds(probes.DeadlineSeconds), 1, null, new DeviceRequest(offer.DeviceClass, null), now, terms, known);
        var decided = await runner.RunAsync(jobId, command, correlationId ?? jobId, ct);
        return decided.Decision.Rejection is { } rejected ? (null, rejected) : (new Sent(jobId, source.JobId), null);
    }
}
