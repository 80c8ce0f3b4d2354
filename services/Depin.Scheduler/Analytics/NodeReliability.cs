using Depin.EventSourcing.Streams;
using Depin.Scheduler.Jobs;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Depin.Scheduler.Analytics;

/// <summary>
/// What a node did with the work it was given: attempts assigned, completed, and lost by cause. Agreement with
/// other replicas joins this when results are verified by replication (issue #8).
/// </summary>
public sealed class NodeReliability
{
    public Guid Id { get; set; }
    public long Assigned { get; set; }
    public long Completed { get; set; }
    public long TimedOut { get; set; }
    public long WentOffline { get; set; }
    public long HandedBack { get; set; }
    public long OtherLosses { get; set; }
    public DateTimeOffset? LastAssignedAt { get; set; }

    /// <summary>Completed of the attempts that have ended (assigned minus those still running is not tracked here).</summary>
    public double? CompletionRate => Completed + TimedOut + WentOffline + HandedBack + OtherLosses is var ended and > 0 ? (double)Completed / ended : null;
}

/// <summary>Async (the daemon's): one document per node, from the job events that name it.</summary>
public sealed class NodeReliabilityProjection : MultiStreamProjection<NodeReliability, Guid>
{
    public const string ProjectionName = "node-reliability";

    public NodeReliabilityProjection()
    {
        Name = ProjectionName;
        AnalyticsTuning.Apply(Options);
        Identity<JobAssigned>(e => e.NodeId);
        Identity<JobCompleted>(e => e.NodeId);
        Identity<JobAttemptLost>(e => e.NodeId);
    }

    public override NodeReliability Evolve(NodeReliability? snapshot, Guid id, IEvent e)
    {
        var n = snapshot ?? new NodeReliability { Id = id };
        switch (e.Data)
        {
            case JobAssigned a:
                (n.Assigned, n.LastAssignedAt) = (n.Assigned + 1, a.At);
                break;
            case JobCompleted:
                n.Completed++;
                break;
            case JobAttemptLost l when l.Reason.StartsWith("lease expired", StringComparison.Ordinal):
                n.TimedOut++;
                break;
            case JobAttemptLost l when l.Reason.StartsWith("the node went offline", StringComparison.Ordinal):
                n.WentOffline++;
                break;
            case JobAttemptLost l when l.Reason.StartsWith("handed back", StringComparison.Ordinal):
                n.HandedBack++;
                break;
            case JobAttemptLost:
                n.OtherLosses++;
                break;
        }
        return n;
    }
}
