namespace Depin.Contracts.NodeRegistry;

/// <summary>
/// A node was registered or re-registered; Version orders updates of the same node. Offers are the device classes it
/// serves, each at its price; null from a registry that predates them, meaning one "cpu" offer at PricePerUnit. Slots: the
/// attempts it runs at once (null from a registry that predates them: one). Stake: what the provider wants bonded on it (billing
/// bonds it). Suspended: whether it starts suspended (awaiting its minimum stake); null on a re-registration, which changes
/// no suspension (<see cref="NodeReputationChanged"/> does).
/// </summary>
public sealed record NodeRegistered(Guid NodeId, Guid ProviderAccountId, string Name, string Region, IReadOnlyList<string> Capabilities, long PricePerUnit,
    long Stake, long Version, IReadOnlyList<DeviceOffer>? Offers = null, int? Slots = null, bool? Suspended = null);
