namespace Depin.Contracts.Billing;

/// <summary>Billing could not hold the job's maximum cost.</summary>
public sealed record FundsRejected(Guid JobId, Guid AccountId, long Requested, long Available, string Reason);
