using Depin.Compute.Backends;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Probing;
using Depin.Scheduler.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Depin.Scheduler.Tests;

/// <summary>
/// Which known answer a probe reuses, on real PostgreSQL in a store of the test's own (the network's suite shares its
/// verified jobs with every test, so there the choice is a draw among many).
/// </summary>
public sealed class ProberTests : IAsyncLifetime
{
    private static readonly Guid ProbeAccount = Guid.NewGuid(), Client = Guid.NewGuid();
    private readonly Guid _ranA = Guid.NewGuid(), _ranB = Guid.NewGuid(), _fresh = Guid.NewGuid(), _suspended = Guid.NewGuid(), _gpuOnly = Guid.NewGuid();
    private ConsumerHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await ConsumerHarness.StartAsync(SchedulerModule.Events, SchedulerModule.ConfigureStore, _ => { },
            s =>
            {
                s.AddOptions<SchedulerOptions>();
                s.AddSingleton<JobCommandRunner>();
            });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Prober Prober(long maxUnits = 10_000) => new(_harness.Store, _harness.Get<JobCommandRunner>(),
        Options.Create(new SchedulerOptions { Probes = { AccountId = ProbeAccount, MaxUnits = maxUnits } }), TimeProvider.System);

    private async Task NodesAsync()
    {
        await using var session = _harness.Store.LightweightSession();
        foreach (var (id, suspended, offers) in new[]
        {
            (_ranA, false, NodeOffer.CpuOnly(7)), (_ranB, false, NodeOffer.CpuOnly(7)), (_fresh, false, NodeOffer.CpuOnly(9)),
            (_suspended, true, NodeOffer.CpuOnly(9)), (_gpuOnly, false, [new NodeOffer(DeviceClass.Gpu, 9, 16_384)]),
        })
            session.Store(new PlacementNode { Id = id, ProviderAccountId = Guid.NewGuid(), Online = true, Suspended = suspended, Offers = offers,
                Capabilities = ["matmul"], Slots = 2, Region = "eu" });
        await session.SaveChangesAsync();
    }

    /// <summary>A matmul job of 100 units on the CPU that nodes A and B agreed on.</summary>
    private async Task<Guid> VerifiedJobAsync()
    {
        var (jobs, now, jobId) = (_harness.Get<JobCommandRunner>(), DateTimeOffset.UtcNow, Guid.NewGuid());
        await jobs.RunAsync(jobId, new SubmitJob(jobId, Client, "matmul", """{"n":64,"seed":3}""", 10, 100, now.AddMinutes(5), 2, null, DeviceRequest.Any, now,
            new JobTerms(3, 0, 2)), null, default);
        await jobs.RunAsync(jobId, new RecordFundsReserved(2_000, now), null, default);
        var candidates = new[] { _ranA, _ranB }.Select(n => new NodeCandidate(n, Guid.NewGuid(), NodeOffer.CpuOnly(7), "eu", ["matmul"], 0)).ToArray();
        var placed = await jobs.RunAsync(jobId, new PlaceJob(candidates, TimeSpan.FromSeconds(30), now), null, default);
        foreach (var a in placed.Decision.Events.OfType<JobAssigned>())
            await jobs.RunAsync(jobId, new RecordResult(a.NodeId, a.Attempt, "the-hash", """{"checksum":42}""", 100, DeviceClass.Cpu, now), null, default);
        return jobId;
    }

    [Fact]
    public async Task A_probe_reuses_a_verified_job_the_node_did_not_run_at_its_own_price_for_the_probe_account()
    {
        await NodesAsync();
        var source = await VerifiedJobAsync();

        var (sent, why) = await Prober().ProbeAsync(_fresh, null, default);
        Assert.Null(why);
        Assert.Equal(source, sent!.SourceJobId);
        await using var session = _harness.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(JobDecider.StreamId(sent.JobId));
        Assert.All(events, e => Assert.Equal(sent.JobId.ToString(), e.CorrelationId));   // no request sent it: it correlates by its own id
        var probe = JobDecider.Decider.Fold(events.Select(e => (IJobEvent)e.Data));
        Assert.Equal((ProbeAccount, "matmul", """{"n":64,"seed":3}""", 9L, 1), (probe.ClientAccountId, probe.Kernel, probe.ParametersJson, probe.MaxPricePerUnit, probe.Replication));
        Assert.Equal(new KnownAnswer(_fresh, source, "the-hash", """{"checksum":42}""", DeviceClass.Cpu), probe.Probe);
    }

    [Fact]
    public async Task No_probe_for_a_node_that_ran_every_fitting_job_is_suspended_offers_another_class_or_only_big_jobs_fit()
    {
        await NodesAsync();
        await VerifiedJobAsync();
        Assert.Equal(EventSourcing.Deciding.RejectionCode.Conflict, (await Prober().ProbeAsync(_ranA, null, default)).Why?.Code);   // it knows the answer
        Assert.Equal(EventSourcing.Deciding.RejectionCode.Conflict, (await Prober().ProbeAsync(_suspended, null, default)).Why?.Code);
        Assert.Equal(EventSourcing.Deciding.RejectionCode.Conflict, (await Prober().ProbeAsync(_gpuOnly, null, default)).Why?.Code);   // the answer is a CPU's
        Assert.Equal(EventSourcing.Deciding.RejectionCode.Conflict, (await Prober(maxUnits: 99).ProbeAsync(_fresh, null, default)).Why?.Code);
        Assert.Equal(EventSourcing.Deciding.RejectionCode.NotFound, (await Prober().ProbeAsync(Guid.NewGuid(), null, default)).Why?.Code);
        var off = new Prober(_harness.Store, _harness.Get<JobCommandRunner>(), Options.Create(new SchedulerOptions()), TimeProvider.System);
        Assert.Equal(EventSourcing.Deciding.RejectionCode.Invalid, (await off.ProbeAsync(_fresh, null, default)).Why?.Code);   // no probe account
    }
}
