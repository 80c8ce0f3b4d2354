using Marten.Schema;

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

    /// <summary>
    /// The correlation id of the job's submission. Decisions that no message or request caused (the sweeper's placements
    /// and timeouts) carry it, so the job's whole history, and the payment it leads to, keeps one correlation id.
    /// </summary>
    public string? CorrelationId { get; set; }

    /// <summary>The device class the job asked for; null: any.</summary>
    public Compute.Backends.DeviceClass? DeviceClass { get; set; }
    public long? MinGpuMemoryMiB { get; set; }

    /// <summary>The class of the offer the job is placed on, and once completed the class that produced its result.</summary>
    public Compute.Backends.DeviceClass? RanOn { get; set; }

    /// <summary>Why no node can take the job now, while it waits for one.</summary>
    public string? WaitingReason { get; set; }
    public int Attempts { get; set; }

    /// <summary>Replicas the job runs (0 until the policy chooses), and how many more it may add when results disagree.</summary>
    public int Replication { get; set; }
    public int ExtraReplicas { get; set; }
    public int LeadingVotes { get; set; }

    /// <summary>Every attempt: where it ran and how it ended (running, agreed, rejected, lost, late...).</summary>
    public List<ReplicaView> Replicas { get; set; } = [];

    /// <summary>The node of the attempt in flight (the first, for a replicated job), or of the accepted result.</summary>
    public Guid? NodeId { get; set; }

    /// <summary>The nodes of every attempt in flight: what each node holds, for its load and when it goes offline.</summary>
    public List<Guid> NodeIds { get; set; } = [];

    /// <summary>The earliest lease of the attempts in flight.</summary>
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

    public IEnumerable<ReplicaView> InFlight => Replicas.Where(r => r.Status is ReplicaStatus.Assigned or ReplicaStatus.Running);

    public bool IsActive => Status is JobStatus.Submitted or JobStatus.Queued or JobStatus.Assigned or JobStatus.Running;

    /// <summary>
    /// When the sweeper must look at the job: the earlier of its deadline and its lease while it is active, none once
    /// it has ended. Stored in its own indexed column, so finding due jobs reads only those, not every active job.
    /// </summary>
    public DateTimeOffset? DueAt => !IsActive ? null : LeaseUntil is { } lease && lease < Deadline ? lease : Deadline;

    /// <summary>
    /// The node of the attempt in flight while the job counts towards nodes' loads (placed and not ended), else none. Its
    /// column has a partial index of the rows where it is set, which every placement round reads: a plain index scan of
    /// the few jobs in flight, which also marks the entries of versions since ended as dead so the next scan skips them.
    /// (Through the status index, a round visited every heap page an in-flight version had left behind until the next
    /// vacuum: 1–4 ms a round, growing with each job, where this takes tens of microseconds.)
    /// </summary>
    public Guid? LoadsNode => Status is JobStatus.Queued or JobStatus.Assigned or JobStatus.Running ? NodeId : null;

    /// <summary>
    /// Marten's hook for what its fluent schema cannot say: a client's job list is read newest first, so it is
    /// indexed by client and submission time together (with the client's index alone, every list sorted all of the
    /// client's jobs: 10 ms at 4,000 jobs, and growing with each job). The sweeper reads the oldest queued jobs, so
    /// status and submission time are indexed together too: an ordered index scan stops at the limit and marks the
    /// entries of versions that have since left the queue as dead, where the status index alone made a bitmap scan
    /// that visited every such version (2,700 entries on 730 heap pages, to find none queued, after a 2,000-job burst).
    /// </summary>
    public static void ConfigureMarten(DocumentMapping mapping)
    {
        mapping.AddIndex("client_account_id", "submitted_at");
        mapping.AddIndex("status", "submitted_at");
    }
}
