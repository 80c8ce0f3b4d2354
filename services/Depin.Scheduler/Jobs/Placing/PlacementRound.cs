using Depin.EventSourcing.Deciding;
using Depin.Scheduler.Nodes;
using Marten;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// Placement for the jobs of one transaction: the online nodes and their loads are read once, on first use, and
/// each job placed counts towards its node's load, so the next job of the round prefers a less loaded node.
/// </summary>
public sealed class PlacementRound(IQuerySession session, TimeSpan lease)
{
    private List<NodeCandidate>? _candidates;

    public async Task<PlaceJob> PlaceJobAsync(DateTimeOffset now, CancellationToken ct) =>
        new(_candidates ??= await PlacementNodes.OnlineCandidatesAsync(session, ct), lease, now);

    /// <summary>Counts the assignment a decision made, if it made one.</summary>
    public void Count(Decided<Job, IJobEvent> decided)
    {
        if (_candidates is null || decided.Decision.Events.OfType<JobAssigned>().FirstOrDefault() is not { } assigned) return;
        var i = _candidates.FindIndex(c => c.NodeId == assigned.NodeId);
        if (i >= 0) _candidates[i] = _candidates[i] with { ActiveJobs = _candidates[i].ActiveJobs + 1 };
    }
}
