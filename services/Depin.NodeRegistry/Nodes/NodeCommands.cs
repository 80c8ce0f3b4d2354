namespace Depin.NodeRegistry.Nodes;

public interface INodeCommand;

public sealed record RegisterNode(Guid NodeId, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities,
    long PricePerUnit, long Stake, DateTimeOffset Now) : INodeCommand;

public sealed record MarkOffline(DateTimeOffset Now) : INodeCommand;

public sealed record MarkOnline(DateTimeOffset Now) : INodeCommand;

public sealed record DrainNode(Guid RequestedBy, bool ByOperator, DateTimeOffset Now) : INodeCommand;
