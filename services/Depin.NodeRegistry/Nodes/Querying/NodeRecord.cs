namespace Depin.NodeRegistry.Nodes.Querying;

/// <summary>The node read model (a Marten document kept inline with the node stream; id = stream key).</summary>
public sealed class NodeRecord
{
    public string Id { get; set; } = "";
    public Guid NodeId { get; set; }
    public Guid ProviderAccountId { get; set; }
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public List<string> Capabilities { get; set; } = [];
    public long PricePerUnit { get; set; }
    public long Stake { get; set; }
    public bool Online { get; set; }
    public bool Draining { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset OnlineSince { get; set; }
}
