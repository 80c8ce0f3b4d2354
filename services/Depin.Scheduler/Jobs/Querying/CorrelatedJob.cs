namespace Depin.Scheduler.Jobs.Querying;

/// <summary>
/// A job and the correlation id of its submission (see <see cref="JobRecord.CorrelationId"/>), for decisions on it that
/// nothing of the job's own causes: the sweeper's placements and timeouts, and the attempts a node loses by going offline.
/// </summary>
public sealed class CorrelatedJob
{
    public Guid JobId { get; set; }
    public string? CorrelationId { get; set; }

    /// <summary>The submission's correlation id, or the given one for a job stored before records kept it.</summary>
    public Guid? CorrelationOr(Guid? fallback) => Guid.TryParse(CorrelationId, out var id) ? id : fallback;
}
