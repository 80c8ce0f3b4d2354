namespace Depin.Contracts.Billing;

/// <summary>A job's hold went back to the client in full (failed or cancelled job).</summary>
public sealed record HoldReleased(Guid JobId, Guid AccountId, long Amount, string Reason);
