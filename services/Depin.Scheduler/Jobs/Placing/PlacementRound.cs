using Depin.EventSourcing.Deciding;
using Depin.Scheduler.Nodes;
using Marten;
using Npgsql;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// Placement for the jobs of one transaction: the online nodes and their loads are read once, on first use, and
/// each job placed counts towards its node's load, so the next job of the round prefers a less loaded node.
/// Rounds take turns: the first use takes a transaction-scoped advisory lock before reading the loads, so each
/// round sees every assignment the rounds before it committed, and no node is given more attempts than its slots
/// (two rounds reading the same loads at once put three jobs on a two-slot node).
/// </summary>
public sealed class PlacementRound(IDocumentSession session, SchedulerOptions options)
{
    /// <summary>The advisory lock placement rounds take turns on ("placing" in ASCII).</summary>
    private const long PlacementLock = 0x706c6163696e67;

    private NodePool? _candidates;

    /// <summary>A placement command on the round's nodes, with a fresh draw for the spot-check of a trusted node.</summary>
    public async Task<PlaceJob> PlaceJobAsync(DateTimeOffset now, CancellationToken ct) =>
        new(_candidates ??= await LoadAsync(ct), options.Lease, now, options.Verification.Trust(Random.Shared.NextDouble()));

    /// <summary>The online nodes and their loads as committed now, read without taking the round's turn (what a sweep sieves with).</summary>
    public static async Task<NodePool> SnapshotAsync(IQuerySession session, CancellationToken ct) =>
        new(await PlacementNodes.OnlineCandidatesAsync(session, ct));

    private async Task<NodePool> LoadAsync(CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await using var takeTurn = new NpgsqlCommand("select pg_advisory_xact_lock(@key)") { Parameters = { new("key", PlacementLock) } };
        await session.ExecuteAsync(takeTurn, ct);
        return new NodePool(await PlacementNodes.OnlineCandidatesAsync(session, ct));
    }

    /// <summary>Counts the assignments a decision made (one per replica placed).</summary>
    public void Count(Decided<Job, IJobEvent> decided)
    {
        if (_candidates is null) return;
        foreach (var assigned in decided.Decision.Events.OfType<JobAssigned>()) _candidates.CountAssignment(assigned.NodeId);
    }
}
