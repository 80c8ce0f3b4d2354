using Depin.Contracts.Billing;
using Marten;

namespace Depin.Billing.Holds;

/// <summary>
/// A job's money as its hold stream has it: billing owns these numbers and answers for them at read time, so no
/// other service keeps a copy (the scheduler asks on its caller's behalf when it shows a job).
/// </summary>
public static class JobMoneyReader
{
    /// <summary>The most jobs one question may name (their ids fit a URL well under the request-line limit).</summary>
    public const int MaxJobs = 100;

    /// <summary>The jobs' money, one read of their hold streams; a job with no hold stream yet is left out.</summary>
    public static async Task<IReadOnlyList<JobMoney>> ReadAsync(IQuerySession session, IReadOnlyCollection<Guid> jobIds, CancellationToken ct)
    {
        var streams = jobIds.Select(HoldDecider.StreamId).Distinct().ToArray();
        var events = await session.Events.QueryAllRawEvents().Where(e => streams.Contains(e.StreamKey)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return events.GroupBy(e => e.StreamKey!).Select(s => Fold(s.Select(e => e.Data).OfType<IHoldEvent>())).OfType<JobMoney>().ToList();
    }

    /// <summary>The money a hold's events add up to, in their order; null before any of them.</summary>
    public static JobMoney? Fold(IEnumerable<IHoldEvent> events) => events.Aggregate((JobMoney?)null, (money, e) => e switch
    {
        HoldPlaced p => new JobMoney(p.JobId, p.ClientAccountId, "held", p.Amount, null, null, null, null),
        HoldRejected r => new JobMoney(r.JobId, r.ClientAccountId, "rejected", 0, 0, 0, 0, 0),
        HoldSettled s => new JobMoney(s.JobId, s.ClientAccountId, "settled", s.Held, s.Charged, s.ProviderAmount, s.Fee, s.Released),
        HoldReleased r => new JobMoney(r.JobId, r.ClientAccountId, "released", money?.Held ?? r.Amount, 0, 0, 0, r.Amount),
        _ => money,
    });
}
