using Depin.Billing.Accounts;
using Depin.EventSourcing.Deciding;
using Marten;

namespace Depin.Billing.Stakes;

/// <summary>
/// Bonding debits the provider's available money, so it is decided under the provider account's lock, like a hold:
/// a stake and a hold of the same account can never both spend the same credits.
/// </summary>
public static class StakeBonding
{
    public static async Task<Decided<NodeStake, IStakeEvent>> DecideAsync(IDocumentSession session, Guid nodeId, Guid providerAccountId,
        Func<long, IStakeCommand> command, CancellationToken ct)
    {
        var available = await AccountLock.LockAndReadAvailableAsync(session, providerAccountId, ct);
        return await session.DecideAsync(StakeDecider.StreamId(nodeId), StakeDecider.Decider, command(available), ct);
    }
}
