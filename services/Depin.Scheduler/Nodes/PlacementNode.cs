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

    /// <summary>What the node offers, reading a document stored before device classes as its CPU at PricePerUnit.</summary>
    public List<NodeOffer> OffersOrCpu => Offers is { Count: > 0 } ? Offers : NodeOffer.CpuOnly(PricePerUnit);
    public bool Online { get; set; }
    public bool Draining { get; set; }

    /// <summary>Attempts the node runs at once (0 in a document stored before slots: then one).</summary>
    public int Slots { get; set; }

    /// <summary>The registry's verdict-based reputation (0..1; null until it has one: a newcomer's 0.5).</summary>
    public double? Reputation { get; set; }

    /// <summary>Verified results agreeing in a row, since the node's last wrong one.</summary>
    public int AgreementStreak { get; set; }

    /// <summary>Suspended by the registry (reputation or stake under its threshold): given no work.</summary>
    public bool Suspended { get; set; }

    /// <summary>The registry's version of the reputation the fields above show: an older report never overwrites a newer one.</summary>
    public long ReputationVersion { get; set; }
    public long Version { get; set; }
}
