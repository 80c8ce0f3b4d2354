namespace Depin.NodeRegistry.Nodes;

public interface INodeCommand;

/// <summary>PricePerUnit is the node's headline price: its CPU offer's, or its cheapest where it offers no CPU.</summary>
public sealed record RegisterNode(Guid NodeId, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities,
    IReadOnlyList<NodeOffer> Offers, IReadOnlyList<NodeAccelerator> Accelerators, long Stake, DateTimeOffset Now, int Slots = 1, long MinimumStake = 0) : INodeCommand
{
    public long PricePerUnit => (Offers.FirstOrDefault(o => o.DeviceClass == Compute.Backends.DeviceClass.Cpu) ?? Offers.MinBy(o => o.PricePerUnit)!).PricePerUnit;
}

public sealed record MarkOffline(DateTimeOffset Now) : INodeCommand;

public sealed record MarkOnline(DateTimeOffset Now) : INodeCommand;

public sealed record DrainNode(Guid RequestedBy, bool ByOperator, DateTimeOffset Now) : INodeCommand;

/// <summary>Billing's report of the node's bonded stake (Version: billing's stake stream's); under a positive MinimumStake the node is suspended.</summary>
public sealed record RecordStake(long Bonded, long Version, long MinimumStake, DateTimeOffset Now) : INodeCommand;

/// <summary>
/// An operator lifts a suspension for reputation (the provider fixed its node, say). The record of its outcomes stays, so the
/// node is on probation: its next wrong result (or a lease let run out) while its score is under the threshold suspends it again.
/// </summary>
public sealed record ReinstateNode(Guid RequestedBy, string Reason, DateTimeOffset Now) : INodeCommand;

/// <summary>A verified outcome of one of the node's attempts (from the scheduler): its reputation moves, and under SuspendBelow it is suspended.</summary>
public sealed record RecordVerdict(Guid VerdictId, Guid JobId, string Outcome, string Reason, double SuspendBelow, DateTimeOffset Now) : INodeCommand;
