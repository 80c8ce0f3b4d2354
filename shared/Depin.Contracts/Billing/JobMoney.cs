namespace Depin.Contracts.Billing;

/// <summary>
/// Billing's answer for one job's money (GET /api/ledger/jobs?ids=...), in micro-credits. Status: held, settled, released
/// or rejected. Held is what the hold took; once it is resolved, Charged = ProviderAmount + Fee was the client's and
/// Refunded went back (all zero for a hold that was rejected, or released before it was ever placed).
/// </summary>
public sealed record JobMoney(Guid JobId, Guid ClientAccountId, string Status, long Held, long? Charged, long? ProviderAmount, long? Fee, long? Refunded);
