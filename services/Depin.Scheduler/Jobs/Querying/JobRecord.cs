namespace Depin.Scheduler.Jobs.Querying;

/// <summary>The job read model the API and the sweeper read: a Marten document kept inline with the job stream (id = stream key).</summary>
public sealed class JobRecord
{
    public string Id { get; set; } = "";
    public Guid JobId { get; set; }
    public Guid ClientAccountId { get; set; }
    public string Kernel { get; set; } = "";
    public string ParametersJson { get; set; } = "{}";
    public JobStatus Status { get; set; }
    public long MaxPricePerUnit { get; set; }
    public long EstimatedUnits { get; set; }
    public long MaxCost { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public string? Region { get; set; }
    public int Attempts { get; set; }
    public Guid? NodeId { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public double? Progress { get; set; }
    public string? ResultHash { get; set; }
    public string? ResultJson { get; set; }
    public long? Units { get; set; }
    public long? PricePerUnit { get; set; }
    public long? Cost { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }

    public bool IsActive => Status is JobStatus.Submitted or JobStatus.Queued or JobStatus.Assigned or JobStatus.Running;
}
