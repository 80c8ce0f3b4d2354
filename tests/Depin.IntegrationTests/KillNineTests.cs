namespace Depin.IntegrationTests;

/// <summary>Killing services stops the network for everyone else, so these run alone, after the other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}

/// <summary>
/// Billing and then the scheduler are killed with SIGKILL in the middle of a hot-account run and started again:
/// every job still completes and settles exactly once, nothing is paid twice and no hold is left (test.sh then
/// fails the run if any message reached an error queue).
/// </summary>
[Collection(AloneCollection.Name)]
public class KillNineTests
{
    [Fact]
    public async Task Billing_and_the_scheduler_killed_mid_run_lose_nothing_and_pay_nothing_twice()
    {
        // Each service gets its own run, submitted just before it is killed: a run that had to wait out the first
        // restart drains in about a second afterwards, too fast to catch the second service with work in flight.
        // Each run is checked before the next starts, so its provider credits are still the newest ledger lines.
        foreach (var name in new[] { "billing", "scheduler" })
        {
            var run = await HotAccountRun.SubmitAsync(clients: 4, jobsPerClient: 75);
            var total = run.JobIds.Count();
            var service = ServiceProcess.Of(name);
            // Mid-run: some jobs done, most not yet.
            var done = await WaitForAsync(run, atLeast: 1, TimeSpan.FromSeconds(60));
            Assert.True(done < total, $"all {total} jobs had completed before {name} could be killed; the run is too small to test this");
            service.KillNine();
            await Task.Delay(500);
            await service.RestartAsync(TimeSpan.FromSeconds(90));
            await run.AssertSettledExactlyAsync(TimeSpan.FromSeconds(240));
        }

        // The daemons were killed mid-batch too: their analytics counted every event once, and their chains hold.
        using var analyst = Network.Client((await Network.CreateAccountAsync("analyst")).Key);
        await AnalyticsViews.AssertCountsMatchTheLogsAsync(analyst);
        foreach (var log in new[] { "scheduler", "billing" })
        {
            var chain = await Network.Json(await analyst.GetAsync($"/api/events/{log}/verify"));
            Assert.True(chain.GetProperty("intact").GetBoolean(), chain.ToString());
        }
    }

    private static async Task<int> WaitForAsync(HotAccountRun run, int atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int done;
        while ((done = await run.CompletedSoFarAsync()) < atLeast && DateTime.UtcNow < deadline) await Task.Delay(100);
        return done;
    }
}
