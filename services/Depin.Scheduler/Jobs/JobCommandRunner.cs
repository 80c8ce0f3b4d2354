using Depin.EventSourcing.Deciding;
using Depin.EventSourcing.Streams;
using JasperFx.Events;
using Depin.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Depin.Scheduler.Jobs;

/// <summary>
/// Load a job stream, decide, append: from a message (idempotent through the inbox) or directly (sweeper, API).
/// A job's reports arrive at once on different queues (a tiny job starts and finishes within milliseconds), so
/// its stream is written under its row lock: writers queue instead of failing and retrying with back-off
/// (measured: about four optimistic conflicts per job under a burst, each costing a retry delay).
/// </summary>
public sealed partial class JobCommandRunner(IDocumentStore store, InboxHandler inbox, ILogger<JobCommandRunner> logger)
{
    public Task FromMessageAsync<TConsumer>(ConsumeContext context, Guid jobId, IJobCommand command) =>
        inbox.HandleAsync<TConsumer>(context, async session =>
            Log(jobId, [command], await session.DecideAsync(JobDecider.StreamId(jobId), JobDecider.Decider, command, context.CancellationToken, Locking.Exclusive)));

    /// <summary>
    /// A batch of messages in one transaction (see <see cref="InboxHandler.HandleBatchAsync{TConsumer, T}"/>): their
    /// jobs are loaded and locked in one round trip, and the handler decides on each in the <see cref="JobRound"/>.
    /// </summary>
    public Task FromBatchAsync<TConsumer, T>(ConsumeContext<Batch<T>> batch, Func<T, Guid> jobOf,
        Func<JobRound, Func<ConsumeContext<T>, Task>> handler) where T : class =>
        inbox.HandleBatchAsync<TConsumer, T>(batch, m => JobDecider.StreamId(jobOf(m)), async (session, messages) =>
        {
            var streams = await session.FetchManyForWritingAsync<Job>(messages.Select(m => JobDecider.StreamId(jobOf(m.Message))),
                Locking.Exclusive, batch.CancellationToken);
            return handler(new JobRound(session, streams, this));
        });

    /// <summary>The jobs of one batch, loaded and locked: decisions are staged in its session until it commits.</summary>
    public sealed class JobRound(IDocumentSession session, IReadOnlyDictionary<string, IEventStream<Folded<Job>>> streams, JobCommandRunner runner)
    {
        public IDocumentSession Session => session;

        /// <summary>Commands in turn on one of the round's jobs.</summary>
        public Decided<Job, IJobEvent> Decide(Guid jobId, IReadOnlyList<IJobCommand> commands) =>
            runner.Log(jobId, commands, streams[JobDecider.StreamId(jobId)].Decide(JobDecider.Decider, commands));
    }

    public async Task<Decided<Job, IJobEvent>> RunAsync(Guid jobId, IJobCommand command, Guid? correlationId, CancellationToken ct) =>
        Log(jobId, [command], await store.DecideAndSaveAsync(JobDecider.StreamId(jobId), JobDecider.Decider, command, correlationId, ct, Locking.Exclusive));

    /// <summary>
    /// Many jobs in one transaction (the sweeper): one commit, and one flush of the log to disk, for a whole
    /// batch instead of one per job (measured: placing one job per transaction capped the network at ~23 jobs/s).
    /// </summary>
    public JobBatch BeginBatch(SchedulerOptions options)
    {
        var session = store.LightweightSession();
        return new JobBatch(session, new Placing.PlacementRound(session, options), this);
    }

    public sealed class JobBatch(IDocumentSession session, Placing.PlacementRound placement, JobCommandRunner runner) : IAsyncDisposable
    {
        private readonly List<(Guid JobId, IJobCommand Command, Decided<Job, IJobEvent> Decided)> _decided = [];
        private IReadOnlyDictionary<string, IEventStream<Folded<Job>>> _streams = new Dictionary<string, IEventStream<Folded<Job>>>();

        /// <summary>Placement in this batch's transaction (its lock and its loads held to the commit).</summary>
        public Placing.PlacementRound Placement => placement;

        /// <summary>Loads and locks the jobs in one round trip, in the order given (stream order, as every batch locks).</summary>
        public async Task LoadAsync(IReadOnlyList<Guid> jobIds, CancellationToken ct) =>
            _streams = await session.FetchManyForWritingAsync<Job>(jobIds.Select(JobDecider.StreamId), Locking.Exclusive, ct);

        /// <summary>
        /// Decides on a loaded job's current state; the events are staged until <see cref="CommitAsync"/> and carry the
        /// correlation id given (the job's own: no message or request caused a batch's decisions).
        /// </summary>
        public Decided<Job, IJobEvent> Decide(Guid jobId, IJobCommand command, string? correlationId)
        {
            var stream = _streams[JobDecider.StreamId(jobId)];
            var decided = stream.Decide(JobDecider.Decider, [command]);
            foreach (var e in stream.Events) e.CorrelationId ??= correlationId;
            _decided.Add((jobId, command, decided));
            return decided;
        }

        public async Task CommitAsync(CancellationToken ct)
        {
            await session.SaveChangesAsync(ct);
            foreach (var (jobId, command, decided) in _decided) runner.Log(jobId, [command], decided);
            _decided.Clear();
        }

        public ValueTask DisposeAsync() => session.DisposeAsync();
    }

    internal Decided<Job, IJobEvent> Log(Guid jobId, IReadOnlyList<IJobCommand> commands, Decided<Job, IJobEvent> decided)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId });
        var command = string.Join(" + ", commands.Select(c => c.GetType().Name));
        if (decided.Decision.Rejection is { } rejection)
            LogRejected(command, rejection.Detail);
        foreach (var e in decided.Decision.Events)
        {
            if (e is JobFailed failed) LogFailed(failed.Reason);
            else if (e is not JobProgressed) LogDecided(command, e.GetType().Name, decided.After.Status);
        }
        return decided;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Command} → {Event}; job is {Status}")]
    private partial void LogDecided(string command, string @event, JobStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Command} rejected: {Reason}")]
    private partial void LogRejected(string command, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job failed: {Reason}")]
    private partial void LogFailed(string reason);
}
