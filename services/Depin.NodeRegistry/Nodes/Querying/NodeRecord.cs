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
    /// <summary>The headline price: the CPU offer's, or the cheapest where the node offers no CPU.</summary>
    public long PricePerUnit { get; set; }
    public List<NodeOffer> Offers { get; set; } = [];
    public List<NodeAccelerator> Accelerators { get; set; } = [];
    /// <summary>The stake the registration asked for; Bonded: what billing reports it holds.</summary>
    public long Stake { get; set; }
    public long BondedStake { get; set; }

    /// <summary>Suspended for its stake (under the minimum) until billing reports enough; Suspended is for reputation, for good.</summary>
    public bool Understaked { get; set; }
    public string? UnderstakedReason { get; set; }
    public bool Online { get; set; }
    public bool Draining { get; set; }
    public int Slots { get; set; } = 1;

    /// <summary>The reputation from verified outcomes (see Nodes/Reputation.cs): a newcomer's until its first verdict.</summary>
    public double ReputationScore { get; set; } = Reputation.Newcomer.Score;
    public long Agreed { get; set; }
    public long WrongResults { get; set; }
    public long TimedOut { get; set; }
    public int AgreementStreak { get; set; }
    public bool Suspended { get; set; }
    public string? SuspendedReason { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset OnlineSince { get; set; }
}
