namespace Depin.Contracts.Billing;

/// <summary>The client paid Charged = ProviderAmount + Fee; Released went back to the client.</summary>
public sealed record PaymentSettled(Guid JobId, Guid ClientAccountId, Guid ProviderAccountId, long Charged, long ProviderAmount, long Fee, long Released);
