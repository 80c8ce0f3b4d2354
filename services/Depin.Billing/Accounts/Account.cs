using System.Collections.Immutable;

namespace Depin.Billing.Accounts;

/// <summary>
/// An account's own stream holds what only its owner's side decides: deposits. Spending and earning are
/// holds and ledger lines (see Holds/ and Ledger/); the balance is the sum of the account's ledger lines.
/// </summary>
public sealed record Account(long Deposited, ImmutableDictionary<string, long>? DepositsByKey = null)
{
    public static readonly Account Initial = new(0);

    public static Account Evolve(Account state, IAccountEvent @event) => @event switch
    {
        FundsDeposited e => state with
        {
            Deposited = state.Deposited + e.Amount,
            DepositsByKey = e.IdempotencyKey is null
                ? state.DepositsByKey
                : (state.DepositsByKey ?? ImmutableDictionary<string, long>.Empty).SetItem(e.IdempotencyKey, e.Amount),
        },
        _ => state,
    };

    /// <summary>The amount an earlier deposit with this idempotency key credited, if there was one.</summary>
    public long? DepositedWith(string key) => DepositsByKey is { } byKey && byKey.TryGetValue(key, out var amount) ? amount : null;
}
