namespace Depin.NodeRegistry.Nodes;

public interface INodeEvent;

/// <summary>Offers and Accelerators are null in registrations stored before device classes: one CPU offer at PricePerUnit.</summary>
public sealed record NodeRegistered(Guid NodeId, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities,
    long PricePerUnit, long Stake, DateTimeOffset At, IReadOnlyList<NodeOffer>? Offers = null, IReadOnlyList<NodeAccelerator>? Accelerators = null) : INodeEvent;

/// <summary>The provider registered the same node name again with new capabilities, devices, prices or stake.</summary>
public sealed record NodeUpdated(Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities, long PricePerUnit, long Stake,
    DateTimeOffset At, IReadOnlyList<NodeOffer>? Offers = null, IReadOnlyList<NodeAccelerator>? Accelerators = null) : INodeEvent;

public sealed record NodeWentOffline(DateTimeOffset At) : INodeEvent;

public sealed record NodeCameOnline(DateTimeOffset At) : INodeEvent;

public sealed record NodeDrained(Guid RequestedBy, DateTimeOffset At) : INodeEvent;
