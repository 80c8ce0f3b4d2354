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

    public static JobPayment Settled(Guid jobId, long charged, long providerAmount, long fee, long refunded) =>
        new() { Id = jobId, Charged = charged, ProviderAmount = providerAmount, Fee = fee, Refunded = refunded };

    /// <summary>Nothing charged: the hold went back whole (amount 0 when none was ever placed).</summary>
    public static JobPayment Released(Guid jobId, long refunded) => Settled(jobId, 0, 0, 0, refunded);
}
