using System.Buffers.Binary;
using Depin.Scheduler.Nodes;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// How eligible nodes are ranked (lower is better), in one place so the README can quote it:
/// <code>
/// score = price / maxPricePerUnit            cheaper for the client, 0..1
///       + running / slots                    less loaded, 0..1
///       + 0.25 × (1 − reputation)            verified honest, 0..0.25
///       + 10 if the node lost this job before (it comes last)
/// </code>
/// Reputation weighs less than one slot of a four-slot node: a newcomer (reputation 0.5) at an established node's price
/// gets work as soon as that node runs one job more, so honest newcomers are never starved, and the load term spreads a
/// burst over every node instead of herding it onto the best one. Region is a filter (a job that names one runs only
/// there), not a score. Equal scores are broken by a hash of (job, node): stable for one job, different across jobs, so
/// equal nodes share work rather than the lowest id taking it all.
/// </summary>
public static class PlacementScore
{
    public const double ReputationWeight = 0.25;
    public const double TriedBeforePenalty = 10;

    public static double Of(Job job, NodeCandidate node, NodeOffer offer) =>
        PriceTerm(offer.PricePerUnit, job.MaxPricePerUnit) + Standing(node) + (job.HasTried(node.NodeId) ? TriedBeforePenalty : 0);

    public static double PriceTerm(long pricePerUnit, long maxPricePerUnit) => (double)pricePerUnit / maxPricePerUnit;

    /// <summary>
    /// The node's own terms, whatever the job: load and reputation. It only grows as a round places jobs (loads rise), so the
    /// standing a round's index recorded at its start, added to an offer's price term, bounds that offer's score from below
    /// (floating-point addition is monotonic, and the score is summed in the same order).
    /// </summary>
    public static double Standing(NodeCandidate node) =>
        (double)node.ActiveJobs / Math.Max(node.Slots, 1) + ReputationWeight * (1 - Math.Clamp(node.Reputation, 0, 1));

    public static ulong TieBreak(Guid jobId, Guid nodeId)
    {
        Span<byte> job = stackalloc byte[16], node = stackalloc byte[16];
        jobId.TryWriteBytes(job);
        nodeId.TryWriteBytes(node);
        var x = BinaryPrimitives.ReadUInt64LittleEndian(job) ^ BinaryPrimitives.ReadUInt64LittleEndian(job[8..]) * 0x9E3779B97F4A7C15UL;
        x ^= BinaryPrimitives.ReadUInt64LittleEndian(node) * 0xBF58476D1CE4E5B9UL ^ BinaryPrimitives.ReadUInt64LittleEndian(node[8..]);
        // splitmix64's finaliser: every input bit moves every output bit.
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
