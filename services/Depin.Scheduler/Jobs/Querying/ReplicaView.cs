using Depin.Compute.Backends;

namespace Depin.Scheduler.Jobs.Querying;

public enum ReplicaStatus { Assigned, Running, Reported, Accepted, Rejected, Lost, Late, Withdrawn }

/// <summary>
/// One attempt of a job as its record shows it. Reported: a replica's result waiting for the quorum; Accepted: its result is
/// the job's and it is paid; Rejected: outvoted; Late: reported after the attempt was lost; Withdrawn: still running when the
/// job ended (quorum reached, failed, cancelled).
/// </summary>
public sealed class ReplicaView
{
    public int Attempt { get; set; }
    public Guid NodeId { get; set; }
    public Guid ProviderAccountId { get; set; }
    public ReplicaStatus Status { get; set; }
    public DeviceClass DeviceClass { get; set; }
    public long PricePerUnit { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? ResultHash { get; set; }
    public string? Reason { get; set; }
}
