using Depin.EventSourcing.Streams;
using Depin.Compute.Backends;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Nodes;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Depin.Scheduler.Analytics;

/// <summary>
/// What a node did with the work it was given: attempts assigned, completed, lost by cause, and of its results verified
/// against other replicas, how many agreed with the quorum and how many were outvoted; and its measured speed on each device
/// class, which placement reads to size its leases.
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
    public long Agreed { get; set; }
    public long Rejected { get; set; }
    public long LateResults { get; set; }
    public DateTimeOffset? LastAssignedAt { get; set; }
    public List<DeviceSpeed> Speeds { get; set; } = [];

    /// <summary>Of its verified results, the share that agreed with the quorum (null until one was verified).</summary>
    public double? AgreementRate => Agreed + Rejected is var verified and > 0 ? (double)Agreed / verified : null;

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
        Identities<JobCompleted>(e => [.. e.Paid().Select(p => p.NodeId)]);
        Identity<JobAttemptLost>(e => e.NodeId);
        Identity<JobResultRejected>(e => e.NodeId);
        Identity<JobLateResultRecorded>(e => e.NodeId);
        Identity<JobReplicaReported>(e => e.NodeId);
    }

    public override NodeReliability Evolve(NodeReliability? snapshot, Guid id, IEvent e)
    {
        var n = snapshot ?? new NodeReliability { Id = id };
        switch (e.Data)
        {
            case JobAssigned a:
                (n.Assigned, n.LastAssignedAt) = (n.Assigned + 1, a.At);
                break;
            case JobCompleted c:
                n.Completed++;
                if (c.Replicas is not null) n.Agreed++;
                else n.Speeds = DeviceSpeed.Measure(n.Speeds, c.DeviceClass ?? DeviceClass.Cpu, c.Units, c.Seconds);   // one replica: this node's run
                break;
            case JobReplicaReported r:
                n.Speeds = DeviceSpeed.Measure(n.Speeds, r.DeviceClass, r.Units, r.Seconds);
                break;
            case JobResultRejected:
                n.Rejected++;
                break;
            case JobLateResultRecorded:
                n.LateResults++;
                break;
            case JobAttemptLost l:
                switch (l.Cause ?? LegacyCause(l.Reason))
                {
                    case LossCause.LeaseExpired: n.TimedOut++; break;
                    case LossCause.NodeOffline: n.WentOffline++; break;
                    case LossCause.HandedBack: n.HandedBack++; break;
                    default: n.OtherLosses++; break;
                }
                break;
        }
        return n;
    }

    /// <summary>A loss stored before causes were recorded says its cause in words only.</summary>
    private static LossCause LegacyCause(string reason) =>
        reason.StartsWith("lease expired", StringComparison.Ordinal) ? LossCause.LeaseExpired
        : reason.StartsWith("the node went offline", StringComparison.Ordinal) ? LossCause.NodeOffline
        : reason.StartsWith("handed back", StringComparison.Ordinal) ? LossCause.HandedBack
        : LossCause.Other;
}
