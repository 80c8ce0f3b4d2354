namespace Depin.Billing.Accounts;

/// <summary>
/// An account's own stream holds what only its owner's side decides: deposits. Spending and earning are
/// holds and ledger lines (see Holds/ and Ledger/); the balance is the sum of the account's ledger lines.
/// </summary>
public sealed record Account(long Deposited)
{
    public static readonly Account Initial = new(0);

    public static Account Evolve(Account state, IAccountEvent @event) => @event switch
    {
        FundsDeposited e => state with { Deposited = state.Deposited + e.Amount },
        _ => state,
    };
}
