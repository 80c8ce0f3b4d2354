using Depin.Compute.Backends;
using Depin.Scheduler.Jobs;
using Depin.ServiceDefaults.Messaging;
using JasperFx.Events;
using Wire = Depin.Contracts.Scheduler;

namespace Depin.Scheduler.Messaging;

/// <summary>
/// Which job events leave the scheduler, and as what. Verdicts (a replica agreed, was outvoted, let its lease run out)
/// leave as <see cref="Wire.NodeVerdict"/>s whose id is the message's, itself derived from the stored event's.
/// </summary>
public sealed class IntegrationEventMap : IIntegrationEventMap
{
    public IEnumerable<OutgoingMessage> Map(IEvent stored)
    {
        var jobId = JobDecider.IdOf(stored.StreamKey!);
        switch (stored.Data)
        {
            case JobSubmitted e:
                yield return new(new Wire.JobSubmitted(e.JobId, e.ClientAccountId, e.Kernel, e.ParametersJson, e.MaxPricePerUnit,
                    e.EstimatedUnits, e.MaxCost, e.Deadline, e.Replication, e.Region), jobId);
                break;
            case JobAssigned e:
                yield return new(new Wire.ExecuteJob(jobId, e.Attempt, e.NodeId, e.Kernel, e.ParametersJson, e.EstimatedUnits, e.LeaseUntil,
                    (e.DeviceClass ?? DeviceClass.Cpu).Name()), jobId, NodeQueues.Address(e.NodeId));
                break;
            case JobCompleted e:
                yield return new(new Wire.JobCompleted(jobId, e.ClientAccountId, e.NodeId, e.ProviderAccountId, e.ResultHash, e.Units,
                    e.PricePerUnit, e.Cost, e.At, (e.DeviceClass ?? DeviceClass.Cpu).Name(),
                    e.Replicas?.Select(r => new Wire.ReplicaPayout(r.NodeId, r.ProviderAccountId, r.Cost)).ToList()), jobId);
                var index = 1;
                foreach (var agreed in e.Replicas ?? [])
                    yield return new(new Wire.NodeVerdict(IntegrationEventRelay.DeriveId(stored.Id, index++), jobId, agreed.NodeId, agreed.ProviderAccountId,
                        e.ClientAccountId, Wire.NodeVerdicts.Agreed,
                        e.Replicas!.Count == 1 ? "its result matched the known answer" : $"its result is the one {e.Replicas.Count} replicas agreed on", e.At), jobId);
                break;
            case JobResultRejected e:
                yield return new(new Wire.NodeVerdict(stored.Id, jobId, e.NodeId, e.ProviderAccountId, e.ClientAccountId, Wire.NodeVerdicts.WrongResult,
                    e.Reason, e.At), jobId);
                break;
            case JobAttemptLost { Cause: LossCause.LeaseExpired } e:
                yield return new(new Wire.NodeVerdict(stored.Id, jobId, e.NodeId, null, null, Wire.NodeVerdicts.TimedOut, e.Reason, e.At), jobId);
                yield return Stop(jobId, e.Attempt, e.NodeId, e.Reason, e.At);
                break;
            case JobAttemptLost { Cause: LossCause.DeadlinePassed } e:
                yield return Stop(jobId, e.Attempt, e.NodeId, e.Reason, e.At);
                break;
            case JobAttemptWithdrawn e:
                yield return Stop(jobId, e.Attempt, e.NodeId, e.Reason, e.At);
                break;
            case JobFailed e:
                yield return new(new Wire.JobFailed(jobId, e.ClientAccountId, e.Reason, e.At), jobId);
                break;
            case JobCancelled e:
                yield return new(new Wire.JobCancelled(jobId, e.ClientAccountId, e.At), jobId);
                break;
        }
    }

    /// <summary>
    /// How long a stop waits to be read: a node that has not read it by then has gone (its attempts end with it) or restarted
    /// (it runs none of them), and the message would only sit in a queue nobody reads.
    /// </summary>
    private static readonly TimeSpan StopTimeToLive = TimeSpan.FromMinutes(10);

    /// <summary>Tells the node, on its control queue, to stop an attempt the job no longer holds (it is paid nothing for it).</summary>
    private static OutgoingMessage Stop(Guid jobId, int attempt, Guid nodeId, string reason, DateTimeOffset at) =>
        new(new Wire.StopJob(jobId, attempt, nodeId, reason, at), jobId, NodeQueues.ControlAddress(nodeId), StopTimeToLive);
}
