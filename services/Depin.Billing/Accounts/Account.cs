using System.Collections.Immutable;

namespace Depin.Billing.Accounts;

/// <summary>An account's money: Available to spend, and per-job holds in escrow. Jobs whose money has moved are remembered so repeats change nothing.</summary>
public sealed record Account(Guid Id, bool Opened, string? Name, string? Role, long Available, ImmutableDictionary<Guid, long> Holds, ImmutableHashSet<Guid> DoneJobs)
{
    public static readonly Account Initial = new(Guid.Empty, false, null, null, 0, ImmutableDictionary<Guid, long>.Empty, []);

    public long Held => Holds.Values.Sum();

    public static Account Evolve(Account state, IAccountEvent @event) => @event switch
    {
        AccountOpened e => state with { Id = e.AccountId, Opened = true, Name = e.Name, Role = e.Role },
        FundsDeposited e => state with { Available = state.Available + e.Amount },
        HoldPlaced e => state with { Available = state.Available - e.Amount, Holds = state.Holds.Add(e.JobId, e.Amount) },
        HoldRejected e => state with { DoneJobs = state.DoneJobs.Add(e.JobId) },
        HoldSettled e => state with
        {
            Available = state.Available + e.Released, Holds = state.Holds.Remove(e.JobId), DoneJobs = state.DoneJobs.Add(e.JobId),
        },
        HoldReleased e => state with { Available = state.Available + e.Amount, Holds = state.Holds.Remove(e.JobId), DoneJobs = state.DoneJobs.Add(e.JobId) },
        EarningsCredited e => state with { Available = state.Available + e.Amount, DoneJobs = state.DoneJobs.Add(e.JobId) },
        FeeCollected e => state with { Available = state.Available + e.Amount, DoneJobs = state.DoneJobs.Add(e.JobId) },
        _ => state,
    };
}
