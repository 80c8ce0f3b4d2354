namespace Depin.Billing.Accounts.Depositing;

/// <summary>Amount in micro-credits (1 credit = 1,000,000).</summary>
public sealed record DepositRequest(long? Amount);
