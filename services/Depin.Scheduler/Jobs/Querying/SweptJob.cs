namespace Depin.Scheduler.Jobs.Querying;

/// <summary>A job the sweeper decides on, with the correlation id of its submission (see <see cref="JobRecord.CorrelationId"/>).</summary>
public sealed class SweptJob
{
    public Guid JobId { get; set; }
    public string? CorrelationId { get; set; }
}
