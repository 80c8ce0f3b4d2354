namespace Depin.NodeRegistry.Nodes;

public interface INodeEvent;

/// <summary>Registrations stored before device offers (no offers, no accelerators) are read through <see cref="RegistrationUpcast"/>.</summary>
public sealed record NodeRegistered(Guid NodeId, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities,
    long PricePerUnit, long Stake, DateTimeOffset At, IReadOnlyList<NodeOffer> Offers, IReadOnlyList<NodeAccelerator> Accelerators) : INodeEvent;

/// <summary>The provider registered the same node name again with new capabilities, devices, prices or stake.</summary>
public sealed record NodeUpdated(Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities, long PricePerUnit, long Stake,
    DateTimeOffset At, IReadOnlyList<NodeOffer> Offers, IReadOnlyList<NodeAccelerator> Accelerators) : INodeEvent;

public sealed record NodeWentOffline(DateTimeOffset At) : INodeEvent;

public sealed record NodeCameOnline(DateTimeOffset At) : INodeEvent;

public sealed record NodeDrained(Guid RequestedBy, DateTimeOffset At) : INodeEvent;
