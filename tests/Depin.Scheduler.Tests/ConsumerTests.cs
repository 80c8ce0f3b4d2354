using Depin.Contracts.Billing;
using Depin.Contracts.Executor;
using Depin.Contracts.NodeRegistry;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Jobs.Querying;
using Depin.Scheduler.Messaging;
using Depin.Scheduler.Nodes;
using Depin.ServiceDefaults.Messaging;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Depin.Scheduler.Tests;

/// <summary>The scheduler's consumers on the in-memory bus over real Marten storage: lost attempts go back to the queue exactly once.</summary>
public sealed class ConsumerTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly Guid _node = Guid.NewGuid(), _client = Guid.NewGuid();
    private ConsumerHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await ConsumerHarness.StartAsync(SchedulerModule.Events, SchedulerModule.ConfigureStore,
            x =>
            {
                x.AddConsumer<NodeWentOfflineConsumer>();
                x.AddConsumer<JobHandedBackConsumer>();
                x.AddInboxBatchConsumer<FundsReservedConsumer, FundsReserved, FundsReservedConsumerDefinition>();
            },
            s =>
            {
                s.AddOptions<SchedulerOptions>();
                s.AddSingleton<JobCommandRunner>();
                s.AddSingleton<PlacementSignal>();
            });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    /// <summary>A funded job placed on our node: attempt 1 in flight.</summary>
    private async Task<Guid> AssignedJobAsync(Guid? correlation = null)
    {
        var (jobs, now, jobId) = (_harness.Get<JobCommandRunner>(), DateTimeOffset.UtcNow, Guid.NewGuid());
        await jobs.RunAsync(jobId, new SubmitJob(jobId, _client, "matmul", """{"n":8}""", 10, 100, now.AddMinutes(5), 1, null, DeviceRequest.Any, now), correlation, default);
        await jobs.RunAsync(jobId, new RecordFundsReserved(1_000, now), correlation, default);
        var placed = await jobs.RunAsync(jobId, new PlaceJob([new NodeCandidate(_node, Guid.NewGuid(), NodeOffer.CpuOnly(5), "local", ["matmul"], 0)], Lease, now), correlation, default);
        Assert.Equal(JobStatus.Assigned, placed.After.Status);
        return jobId;
    }

    private async Task<IReadOnlyList<object>> EventsAsync(Guid jobId) => (await StoredEventsAsync(jobId)).Select(e => e.Data).ToList();

    /// <summary>The job's events with their metadata (correlation ids).</summary>
    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> StoredEventsAsync(Guid jobId)
    {
        await using var session = _harness.Store.QuerySession();
        return await session.Events.FetchStreamAsync(JobDecider.StreamId(jobId));
    }

    [Fact]
    public async Task A_node_going_offline_loses_its_attempt_and_the_job_waits_for_another_node()
    {
        var jobId = await AssignedJobAsync();
        var offline = new NodeWentOffline(_node, 7, DateTimeOffset.UtcNow);
        await _harness.DeliverAsync(offline, Guid.NewGuid());
        await _harness.DeliverAsync(offline, Guid.NewGuid());   // published twice: the attempt is lost once

        var events = await EventsAsync(jobId);
        var lost = Assert.Single(events.OfType<JobAttemptLost>());
        Assert.Equal((1, _node), (lost.Attempt, lost.NodeId));
        Assert.Equal(JobStatus.Queued, JobDecider.Decider.Fold(events.Cast<IJobEvent>()).Status);
    }

    [Fact]
    public async Task An_attempt_lost_to_a_node_going_offline_carries_the_jobs_correlation_id_not_the_registrys()
    {
        var (ours, registrys) = (Guid.NewGuid(), Guid.NewGuid());
        var jobId = await AssignedJobAsync(ours);
        await _harness.DeliverAsync(new NodeWentOffline(_node, 7, DateTimeOffset.UtcNow), Guid.NewGuid(), registrys);

        var events = await StoredEventsAsync(jobId);
        Assert.Single(events, e => e.Data is JobAttemptLost);
        Assert.All(events, e => Assert.Equal(ours.ToString(), e.CorrelationId));
    }

    [Fact]
    public async Task A_handed_back_attempt_returns_the_job_to_the_queue_once_and_the_node_comes_last_next_time()
    {
        var jobId = await AssignedJobAsync();
        var handedBack = new JobHandedBack(jobId, 1, _node, "the node is shutting down", DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        await _harness.DeliverAsync(handedBack, messageId);
        await _harness.DeliverAsync(handedBack, messageId);   // redelivered

        var events = await EventsAsync(jobId);
        Assert.Contains("handed back", Assert.Single(events.OfType<JobAttemptLost>()).Reason, StringComparison.Ordinal);
        var job = JobDecider.Decider.Fold(events.Cast<IJobEvent>());
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Contains(_node, job.TriedNodes);
    }

    private async Task<Guid> SubmittedJobAsync()
    {
        var (jobs, now, jobId) = (_harness.Get<JobCommandRunner>(), DateTimeOffset.UtcNow, Guid.NewGuid());
        await jobs.RunAsync(jobId, new SubmitJob(jobId, _client, "matmul", """{"n":8}""", 10, 100, now.AddMinutes(5), 1, null, DeviceRequest.Any, now), null, default);
        return jobId;
    }

    private Task OnlineNodesAsync(params Guid[] nodes) => OnlineNodesAsync(16, nodes);

    private async Task OnlineNodesAsync(int slots, params Guid[] nodes)
    {
        await using var session = _harness.Store.LightweightSession();
        foreach (var node in nodes)
            session.Store(new PlacementNode { Id = node, ProviderAccountId = Guid.NewGuid(), Name = $"node-{node:N}", Region = "local",
                Capabilities = ["matmul"], PricePerUnit = 5, Online = true, Version = 1, Slots = slots });
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task Funded_jobs_are_placed_at_once_and_spread_over_the_nodes_even_when_funded_together()
    {
        var other = Guid.NewGuid();
        await OnlineNodesAsync(_node, other);
        var jobIds = new List<Guid>();
        for (var i = 0; i < 20; i++) jobIds.Add(await SubmittedJobAsync());

        await _harness.DeliverAllAsync(jobIds.Select(id => (new FundsReserved(id, _client, 1_000), Guid.NewGuid())).ToList());

        var assignedTo = new List<Guid>();
        foreach (var jobId in jobIds)
        {
            var events = await EventsAsync(jobId);
            Assert.Equal(JobStatus.Assigned, JobDecider.Decider.Fold(events.Cast<IJobEvent>()).Status);   // no sweep ran
            assignedTo.Add(Assert.Single(events.OfType<JobAssigned>()).NodeId);
        }
        // Each placement counts the ones before it in its transaction (uncounted, a batch would put every job on
        // one node); two batches committing side by side may each start from the same loads, hence not exactly 10.
        Assert.InRange(assignedTo.Count(n => n == _node), 8, 12);
    }

    [Fact]
    public async Task A_node_is_never_given_more_attempts_than_its_slots_and_the_rest_wait_saying_why()
    {
        await OnlineNodesAsync(2, _node);
        var jobIds = new List<Guid>();
        for (var i = 0; i < 5; i++) jobIds.Add(await SubmittedJobAsync());
        await _harness.DeliverAllAsync(jobIds.Select(id => (new FundsReserved(id, _client, 1_000), Guid.NewGuid())).ToList());

        var jobs = new List<Job>();
        foreach (var jobId in jobIds) jobs.Add(JobDecider.Decider.Fold((await EventsAsync(jobId)).Cast<IJobEvent>()));
        Assert.Equal(2, jobs.Count(j => j.Status == JobStatus.Assigned));
        Assert.All(jobs.Where(j => j.Status == JobStatus.Queued), j => Assert.Equal("every eligible node is busy (2 attempts running in 2 slots)", j.WaitingReason));
    }

    [Fact]
    public async Task A_funded_job_no_node_can_take_stays_queued()
    {
        var jobId = await SubmittedJobAsync();
        await _harness.DeliverAsync(new FundsReserved(jobId, _client, 1_000), Guid.NewGuid());

        var events = await EventsAsync(jobId);
        Assert.Equal(JobStatus.Queued, JobDecider.Decider.Fold(events.Cast<IJobEvent>()).Status);
        Assert.Empty(events.OfType<JobAssigned>());
    }

    [Fact]
    public async Task Due_jobs_are_the_active_ones_past_their_lease_or_deadline()
    {
        var (jobs, now) = (_harness.Get<JobCommandRunner>(), DateTimeOffset.UtcNow);
        var assigned = await AssignedJobAsync();                    // lease ends in 30 s, deadline in 5 min
        var waiting = await SubmittedJobAsync();                    // deadline in 5 min
        var cancelled = await SubmittedJobAsync();
        await jobs.RunAsync(cancelled, new CancelJob(_client, now), null, default);

        await using var session = _harness.Store.QuerySession();
        Assert.Empty(await JobReader.DueAsync(session, now, default));
        Assert.Equal([assigned], (await JobReader.DueAsync(session, now + Lease + TimeSpan.FromSeconds(1), default)).Select(j => j.JobId));
        Assert.Equal(new[] { assigned, waiting }.Order(), (await JobReader.DueAsync(session, now.AddMinutes(6), default)).Select(j => j.JobId).Order());
    }

    [Fact]
    public async Task An_active_job_stored_before_due_times_existed_is_checked_on_every_sweep()
    {
        var waiting = await SubmittedJobAsync();
        var schema = _harness.Store.Options.DatabaseSchemaName;
        await using (var session = _harness.Store.LightweightSession())
        {
            // What a database upgraded with this job in flight holds: the new column left empty.
            session.QueueSqlCommand($"update {schema}.mt_doc_jobrecord set due_at = null where id = ?", JobDecider.StreamId(waiting));
            await session.SaveChangesAsync();
        }

        await using var query = _harness.Store.QuerySession();
        Assert.Equal([waiting], (await JobReader.DueAsync(query, DateTimeOffset.UtcNow, default)).Select(j => j.JobId));
    }

    [Fact]
    public async Task The_sweepers_placements_and_timeouts_carry_the_correlation_id_of_the_jobs_submission()
    {
        await OnlineNodesAsync(1, _node);
        var (jobs, now, jobId, correlation) = (_harness.Get<JobCommandRunner>(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid());
        await jobs.RunAsync(jobId, new SubmitJob(jobId, _client, "matmul", """{"n":8}""", 10, 100, now.AddMinutes(5), 1, null, DeviceRequest.Any, now), correlation, default);
        await jobs.RunAsync(jobId, new RecordFundsReserved(1_000, now), correlation, default);   // funded, not placed: no sweep ran yet

        // No message or request causes a sweep's decisions: the first places the job, the second (after its lease) loses
        // the attempt and places it again.
        await Sweeper(now).SweepAsync(default);
        await Sweeper(now + Lease + TimeSpan.FromSeconds(1)).SweepAsync(default);

        var events = await StoredEventsAsync(jobId);
        Assert.Equal(2, events.Count(e => e.Data is JobAssigned));
        Assert.Single(events, e => e.Data is JobAttemptLost);
        Assert.All(events, e => Assert.Equal(correlation.ToString(), e.CorrelationId));
    }

    private JobSweeper Sweeper(DateTimeOffset now) => new(_harness.Store, _harness.Get<JobCommandRunner>(), _harness.Get<PlacementSignal>(),
        _harness.Get<Microsoft.Extensions.Options.IOptions<SchedulerOptions>>(), new FixedClock(now), Microsoft.Extensions.Logging.Abstractions.NullLogger<JobSweeper>.Instance);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Scheduler_instances_sweeping_for_probes_at_once_probe_once_an_interval()
    {
        var now = DateTimeOffset.UtcNow;
        var interval = TimeSpan.FromMinutes(5);
        // Four instances whose timers fire together, the first sweep ever and a later one: one claim wins each time.
        var first = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Jobs.Probing.ProbeSweepClaim.TryClaimAsync(_harness.Store, now, interval, default)));
        Assert.Single(first, claimed => claimed);
        Assert.False(await Jobs.Probing.ProbeSweepClaim.TryClaimAsync(_harness.Store, now + interval / 2, interval, default));
        var later = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Jobs.Probing.ProbeSweepClaim.TryClaimAsync(_harness.Store, now + interval, interval, default)));
        Assert.Single(later, claimed => claimed);
    }
}
