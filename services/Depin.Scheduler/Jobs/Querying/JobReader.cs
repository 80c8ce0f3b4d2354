using System.Linq.Expressions;
using Marten;

namespace Depin.Scheduler.Jobs.Querying;

/// <summary>Every read of the scheduler's job documents.</summary>
public static class JobReader
{
    public static Task<JobRecord?> FindAsync(IQuerySession session, Guid jobId, CancellationToken ct) =>
        session.LoadAsync<JobRecord>(JobDecider.StreamId(jobId), ct);

    /// <summary>Newest first; clientAccountId null lists every client's jobs (operators, analysts).</summary>
    public static async Task<IReadOnlyList<JobRecord>> ListAsync(IQuerySession session, Guid? clientAccountId, JobStatus? status, int limit, CancellationToken ct)
    {
        var query = session.Query<JobRecord>().AsQueryable();
        if (clientAccountId is { } client) query = query.Where(j => j.ClientAccountId == client);
        if (status is { } s) query = query.Where(j => j.Status == s);
        return await query.OrderByDescending(j => j.SubmittedAt).Take(limit).ToListAsync(ct);
    }

    /// <summary>
    /// Jobs whose deadline or lease has run out. An active job with no due time was stored before the column existed
    /// (a database upgraded with jobs in flight): it is checked on every sweep until its next event stores it again.
    /// </summary>
    public static async Task<IReadOnlyList<CorrelatedJob>> DueAsync(IQuerySession session, DateTimeOffset now, CancellationToken ct) =>
        await session.Query<JobRecord>()
            .Where(j => j.DueAt <= now
                        || (j.DueAt == null && (j.Status == JobStatus.Submitted || j.Status == JobStatus.Queued || j.Status == JobStatus.Assigned || j.Status == JobStatus.Running)))
            .Select(Correlated).ToListAsync(ct);

    /// <summary>The oldest queued jobs (their records: what placement asks for, so a sweep loads only those a node could take).</summary>
    public static async Task<IReadOnlyList<JobRecord>> QueuedAsync(IQuerySession session, int limit, CancellationToken ct) =>
        await session.Query<JobRecord>().Where(j => j.Status == JobStatus.Queued).OrderBy(j => j.SubmittedAt).Take(limit).ToListAsync(ct);

    /// <summary>The jobs with an attempt in flight on this node.</summary>
    public static async Task<IReadOnlyList<CorrelatedJob>> HeldByAsync(IQuerySession session, Guid nodeId, CancellationToken ct) =>
        await InFlight(session).Where(j => j.NodeIds.Contains(nodeId)).Select(Correlated).ToListAsync(ct);

    /// <summary>What a decision the job did not cause needs of its record (Marten selects only these two fields).</summary>
    private static readonly Expression<Func<JobRecord, CorrelatedJob>> Correlated = j => new CorrelatedJob { JobId = j.JobId, CorrelationId = j.CorrelationId };

    /// <summary>The node of every attempt in flight, once per attempt (a node's current load).</summary>
    public static async Task<IReadOnlyList<Guid>> HoldingNodesAsync(IQuerySession session, CancellationToken ct) =>
        [.. (await InFlight(session).Select(j => j.NodeIds).ToListAsync(ct)).SelectMany(ids => ids)];

    /// <summary>Active jobs with an attempt in flight (see <see cref="JobRecord.LoadsNode"/> for why through that column).</summary>
    private static IQueryable<JobRecord> InFlight(IQuerySession session) => session.Query<JobRecord>().Where(j => j.LoadsNode != null);

    /// <summary>Of these jobs, the ones that ended before the given time.</summary>
    public static async Task<IReadOnlyList<Guid>> EndedBeforeAsync(IQuerySession session, IReadOnlyCollection<Guid> jobIds, DateTimeOffset endedBefore, CancellationToken ct) =>
        (await session.LoadManyAsync<JobRecord>(ct, jobIds.Select(JobDecider.StreamId).ToArray()))
            .Where(j => !j.IsActive && j.UpdatedAt < endedBefore).Select(j => j.JobId).ToList();
}
