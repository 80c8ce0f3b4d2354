namespace Depin.NodeRegistry.Nodes.Querying;

/// <summary>When a node was last heard from. A beat is not history: it overwrites this document and is never an event.</summary>
public sealed class NodeBeat
{
    public Guid Id { get; set; }
    public DateTimeOffset LastSeen { get; set; }
}
