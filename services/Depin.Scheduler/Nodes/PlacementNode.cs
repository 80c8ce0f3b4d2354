namespace Depin.Scheduler.Nodes;

/// <summary>
/// The scheduler's own copy of a node it may place on, fed by the registry's events. Version is the node
/// stream's version: an older update never overwrites a newer one (optimistic concurrency on the document
/// turns two racing updates into a retry).
/// </summary>
public sealed class PlacementNode
{
    public Guid Id { get; set; }
    public Guid ProviderAccountId { get; set; }
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public List<string> Capabilities { get; set; } = [];
    public long PricePerUnit { get; set; }

    /// <summary>Empty in a document stored before device classes: then the node offers its CPU at PricePerUnit.</summary>
    public List<NodeOffer> Offers { get; set; } = [];
    public bool Online { get; set; }
    public bool Draining { get; set; }
    public long Version { get; set; }
}
