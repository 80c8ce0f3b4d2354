namespace Depin.NodeRegistry.Nodes;

public interface INodeEvent;

public sealed record NodeRegistered(Guid NodeId, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities,
    long PricePerUnit, long Stake, DateTimeOffset At) : INodeEvent;

/// <summary>The provider registered the same node name again with new capabilities, price or stake.</summary>
public sealed record NodeUpdated(Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities, long PricePerUnit, long Stake, DateTimeOffset At) : INodeEvent;

public sealed record NodeWentOffline(DateTimeOffset At) : INodeEvent;

public sealed record NodeCameOnline(DateTimeOffset At) : INodeEvent;

public sealed record NodeDrained(Guid RequestedBy, DateTimeOffset At) : INodeEvent;
