namespace Depin.Contracts.NodeRegistry;

/// <summary>
/// The registry's reputation of a node (Score 0..1; a node with no verified outcome yet has <see cref="Newcomer"/>), its verified
/// results agreeing in a row, and whether it is suspended (given no work). Version orders updates of the same node.
/// </summary>
public sealed record NodeReputationChanged(Guid NodeId, long Version, double Score, int AgreementStreak, bool Suspended, DateTimeOffset At)
{
    public const double Newcomer = 0.5;
}
