namespace Depin.NodeRegistry.Nodes;

public interface INodeEvent;

/// <summary>Registrations stored before device offers (no offers, no accelerators) are read through <see cref="RegistrationUpcast"/>.
/// Slots is null in registrations stored before slots: one.</summary>
public sealed record NodeRegistered(Guid NodeId, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities,
    long PricePerUnit, long Stake, DateTimeOffset At, IReadOnlyList<NodeOffer> Offers, IReadOnlyList<NodeAccelerator> Accelerators, int? Slots = null) : INodeEvent;

/// <summary>The provider registered the same node name again with new capabilities, devices, prices or stake.</summary>
public sealed record NodeUpdated(Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities, long PricePerUnit, long Stake,
    DateTimeOffset At, IReadOnlyList<NodeOffer> Offers, IReadOnlyList<NodeAccelerator> Accelerators, int? Slots = null) : INodeEvent;

public sealed record NodeWentOffline(DateTimeOffset At) : INodeEvent;

public sealed record NodeCameOnline(DateTimeOffset At) : INodeEvent;

public sealed record NodeDrained(Guid RequestedBy, DateTimeOffset At) : INodeEvent;

/// <summary>
/// A verified outcome of one of the node's attempts (<see cref="Depin.Contracts.Scheduler.NodeVerdicts"/>), with the reputation
/// it left: Score, the verified results agreeing in a row, and whether the node is suspended now.
/// </summary>
public sealed record NodeVerdictRecorded(Guid VerdictId, Guid JobId, string Outcome, string Reason, double Score, int AgreementStreak, bool Suspended,
    DateTimeOffset At) : INodeEvent;

/// <summary>The node gets no more work: its reputation fell under the registry's threshold.</summary>
public sealed record NodeSuspended(string Reason, double Score, DateTimeOffset At) : INodeEvent;
