namespace Depin.IntegrationTests;

/// <summary>Killing services stops the network for everyone else, so these run alone, after the other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}

/// <summary>
/// Billing, the scheduler, the registry and the gateway are killed with SIGKILL, one at a time, each in the middle of a
/// hot-account run, and started again: every job still completes and settles exactly once, nothing is paid twice and no
/// hold is left (test.sh then fails the run if any message reached an error queue). The registry's restart takes no node
/// offline (its silence was the registry's own).
/// </summary>
[Collection(AloneCollection.Name)]
public class KillNineTests
{
    [Fact]
    public async Task Each_service_killed_mid_run_loses_nothing_and_pays_nothing_twice()
    {
        // Each service gets its own run, submitted just before it is killed: a run that had to wait out the first
        // restart drains in about a second afterwards, too fast to catch the second service with work in flight.
        // Each run is checked before the next starts, so its provider credits are still the newest ledger lines.
        foreach (var name in new[] { "billing", "scheduler", "registry", "gateway" })
        {
            var run = await HotAccountRun.SubmitAsync(clients: 4, jobsPerClient: 75);
            var total = run.JobIds.Count();
            var service = ServiceProcess.Of(name);
            // Mid-run: some jobs done, most not yet.
            var done = await WaitForAsync(run, atLeast: 1, TimeSpan.FromSeconds(60));
            Assert.True(done < total, $"all {total} jobs had completed before {name} could be killed; the run is too small to test this");
            var killedAt = DateTimeOffset.UtcNow;
            service.KillNine();
            await Task.Delay(500);
            await service.RestartAsync(TimeSpan.FromSeconds(90));
            await run.AssertSettledExactlyAsync(TimeSpan.FromSeconds(240));
            if (name == "registry") await AssertNoNodeWentOfflineSinceAsync(killedAt);
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

    /// <summary>The suite's executors kept beating while the registry was down: none was taken offline for its silence.</summary>
    private static async Task AssertNoNodeWentOfflineSinceAsync(DateTimeOffset since)
    {
        using var provider = Network.Client(Network.ProviderKey);
        using var op = Network.Client(Network.OperatorKey);
        foreach (var node in (await Network.Json(await provider.GetAsync("/api/nodes"))).EnumerateArray().Where(n => n.GetProperty("status").GetString() == "online"))
        {
            var from = Uri.EscapeDataString(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            var offline = await Network.Json(await op.GetAsync($"/api/events/registry?stream=node-{node.GetProperty("nodeId").GetGuid()}&type=node_went_offline&from={from}"));
            Assert.Empty(offline.GetProperty("events").EnumerateArray());
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
