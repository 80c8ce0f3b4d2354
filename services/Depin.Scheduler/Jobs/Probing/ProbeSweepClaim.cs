using JasperFx;
using Marten;

namespace Depin.Scheduler.Jobs.Probing;

/// <summary>
/// When the network was last swept for probes. An instance sweeps only after claiming the sweep: the last one is at least
/// most of an interval old, and its write of the new time wins the document's optimistic concurrency (another instance
/// claiming the same sweep gets a conflict and skips it).
/// </summary>
public sealed class ProbeSweepClaim
{
    public const string TheSweep = "probes";

    public string Id { get; set; } = TheSweep;
    public DateTimeOffset LastAt { get; set; }

    /// <summary>Most of an interval: timers of instances started a moment apart still take turns rather than skip a sweep.</summary>
    private const double Slack = 0.9;

    public static async Task<bool> TryClaimAsync(IDocumentStore store, DateTimeOffset now, TimeSpan interval, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var claim = await session.LoadAsync<ProbeSweepClaim>(TheSweep, ct);
        if (claim is null) session.Insert(new ProbeSweepClaim { LastAt = now });   // the first sweep ever: two inserts, one wins
        else if (claim.LastAt > now - interval * Slack) return false;
        else
        {
            claim.LastAt = now;
            session.Store(claim);   // checked against the version loaded: two claims of one sweep, one wins
        }
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is ConcurrencyException or DocumentAlreadyExistsException) { return false; }
    }
}
