using Depin.EventSourcing.Streams;
using Depin.Scheduler.Jobs;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Depin.Scheduler.Analytics;

/// <summary>
/// A job's times for analytics, from the decisions' own times (the At in each event), so a rebuild reproduces
/// them exactly: how long it waited for its first node, how long its last attempt ran, how it ended.
/// </summary>
public sealed class JobTimeline
{
    public string Id { get; set; } = "";
    public string Kernel { get; set; } = "";
    public Guid ClientAccountId { get; set; }
    public string Status { get; set; } = "submitted";
    public int Attempts { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? FirstAssignedAt { get; set; }
    public DateTimeOffset? LastAssignedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Submitted to first assigned, in milliseconds.</summary>
    public double? WaitMs { get; set; }
    /// <summary>Last assignment to the result, in milliseconds (completed jobs only).</summary>
    public double? RunMs { get; set; }
}

/// <summary>Async (the daemon's): one timeline per job.</summary>
public sealed class JobTimelineProjection : SingleStreamProjection<JobTimeline, string>
{
    public const string ProjectionName = "job-timelines";

    public JobTimelineProjection()
    {
        Name = ProjectionName;
        AnalyticsTuning.Apply(Options);
    }

    public override JobTimeline? Evolve(JobTimeline? snapshot, string id, IEvent e)
    {
        // A tombstone (a sequence number a failed transaction had taken, on Marten's own stream) is no job's: it made a
        // timeline of its own with no submission, whose hour analytics could not read.
        if (e.Data is Tombstone) return snapshot;
        var t = snapshot ?? new JobTimeline { Id = id };
        switch (e.Data)
        {
            case JobSubmitted s:
                (t.Kernel, t.ClientAccountId, t.SubmittedAt, t.Status) = (s.Kernel, s.ClientAccountId, s.At, "submitted");
                break;
            case JobFunded:
                t.Status = "queued";
                break;
            case JobAssigned a:
                t.FirstAssignedAt ??= a.At;
                t.WaitMs ??= (a.At - t.SubmittedAt).TotalMilliseconds;
                (t.LastAssignedAt, t.Attempts, t.Status) = (a.At, a.Attempt, "assigned");
                break;
            case JobStarted:
                t.Status = "running";
                break;
            case JobAttemptLost:
                t.Status = "queued";
                break;
            case JobCompleted c:
                (t.Status, t.EndedAt) = ("completed", c.At);
                t.RunMs = t.LastAssignedAt is { } assigned ? (c.At - assigned).TotalMilliseconds : null;
                break;
            case JobFailed f:
                (t.Status, t.EndedAt) = ("failed", f.At);
                break;
            case JobCancelled c:
                (t.Status, t.EndedAt) = ("cancelled", c.At);
                break;
        }
        return t;
    }
}
