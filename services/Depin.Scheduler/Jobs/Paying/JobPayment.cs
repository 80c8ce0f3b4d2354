namespace Depin.Scheduler.Jobs.Paying;

/// <summary>
/// Billing's word on a job's money, as billing announced it (PaymentSettled, HoldReleased): a read-side
/// document the job view joins, never part of the job's stream. Billing owns these numbers.
/// </summary>
public sealed class JobPayment
{
    public Guid Id { get; set; }
    public long? Charged { get; set; }
    public long? ProviderAmount { get; set; }
    public long? Fee { get; set; }
    public long? Refunded { get; set; }
}
