namespace Depin.Contracts.Billing;

/// <summary>Billing holds Amount in escrow for the job.</summary>
public sealed record FundsReserved(Guid JobId, Guid AccountId, long Amount);
