using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Depin.NodeRegistry.Nodes.Querying;

public sealed class NodeRecordProjection : SingleStreamProjection<NodeRecord, string>
{
    public override NodeRecord Evolve(NodeRecord? snapshot, string id, IEvent e)
    {
        var r = snapshot ?? new NodeRecord { Id = id, NodeId = NodeDecider.IdOf(id) };
        switch (e.Data)
        {
            case NodeRegistered n:
                (r.ProviderAccountId, r.Name, r.Region, r.Capabilities, r.PricePerUnit, r.Stake, r.Online, r.Draining, r.RegisteredAt, r.OnlineSince) =
                    (n.ProviderAccountId, n.Name, n.Region, [.. n.Capabilities], n.PricePerUnit, n.Stake, true, false, e.Timestamp, e.Timestamp);
                (r.Offers, r.Accelerators, r.Slots) = ([.. n.Offers], [.. n.Accelerators], n.Slots ?? 1);
                (r.Understaked, r.UnderstakedReason) = (n.AwaitingStake, n.AwaitingStake ? "awaiting its stake: billing has not bonded it yet" : null);
                break;
            case NodeUpdated u:
                if (!r.Online) r.OnlineSince = e.Timestamp;   // back online by re-registering: liveness counts from now
                (r.Region, r.Capabilities, r.PricePerUnit, r.Stake, r.Online) = (u.Region, [.. u.Capabilities], u.PricePerUnit, u.Stake, true);
                (r.Offers, r.Accelerators, r.Slots) = ([.. u.Offers], [.. u.Accelerators], u.Slots ?? 1);
                break;
            case NodeWentOffline:
                r.Online = false;
                break;
            case NodeCameOnline:
                (r.Online, r.OnlineSince) = (true, e.Timestamp);
                break;
            case NodeDrained:
                r.Draining = true;
                break;
            case NodeVerdictRecorded v:
                var standing = new Reputation(r.Agreed, r.WrongResults, r.TimedOut, r.AgreementStreak).With(v.Outcome);
                (r.Agreed, r.WrongResults, r.TimedOut, r.AgreementStreak, r.ReputationScore) = (standing.Agreed, standing.Wrong, standing.TimedOut, standing.Streak, v.Score);
                break;
            case NodeStakeRecorded s:
                r.BondedStake = s.Bonded;
                break;
            case NodeSuspended { ForStakeOnly: true } s:
                (r.Understaked, r.UnderstakedReason) = (true, s.Reason);
                break;
            case NodeSuspended s:
                (r.Suspended, r.SuspendedReason) = (true, s.Reason);
                break;
            case NodeReinstated { ForReputation: true }:
                (r.Suspended, r.SuspendedReason) = (false, null);
                break;
            case NodeReinstated:
                (r.Understaked, r.UnderstakedReason) = (false, null);
                break;
        }
        return r;
    }
}
