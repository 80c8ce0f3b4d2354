using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using static Depin.IntegrationTests.Strangers;

namespace Depin.IntegrationTests;

/// <summary>
/// A staked liar among honest nodes under load: 120 replicated jobs from three clients at once, and billing killed with
/// SIGKILL while the liar's verdicts are being slashed. Every job completes with the honest answer, each verdict slashes
/// the liar exactly once (its stake is exactly what that many 10% slashes leave), each harmed client gets exactly one
/// slash share per job the liar lied on, and the ledger balances.
/// </summary>
[Collection(AloneCollection.Name)]
public class SlashingUnderLoadTests(ITestOutputHelper output)
{
    private const long Stake = 10_000_000, Deposit = 200_000_000;

    [Fact]
    public async Task A_liar_slashed_under_load_while_billing_is_killed_pays_once_per_verdict()
    {
        var region = Region();
        var busy = ("Executor__Concurrency", "16");
        using var liar = await StartLiarAsync(region, price: 101, stake: Stake, busy);
        using var honestA = await StartNodeAsync(region, "honest-a", price: 102, busy);
        using var honestB = await StartNodeAsync(region, "honest-b", price: 103, busy);
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Network.CreateAccountAsync("client", Deposit)));
        var submitted = await Task.WhenAll(clients.Select(async c =>
        {
            using var http = Network.Client(c.Key);
            return (c.AccountId, c.Key, Jobs: await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
                SubmitAsync(http, region, new { n = 16, seed = i }, replication: 2, deadlineSeconds: 240))));
        }));

        // Killed as the first jobs complete: their verdicts are on their way to billing, some slashed, some not yet.
        using var liarProvider = Network.Client(liar.ProviderKey);
        using (var first = Network.Client(submitted[0].Key))
            await Network.WaitForAsync(async () => await Network.Json(await first.GetAsync("/api/jobs?status=completed&limit=1")),
                j => j.GetArrayLength() > 0, TimeSpan.FromSeconds(60));
        var slashedBeforeKill = (await Network.Json(await liarProvider.GetAsync($"/api/stakes/{liar.NodeId}"))).GetProperty("slashes").GetInt32();
        var billing = ServiceProcess.Of("billing");
        billing.KillNine();
        await Task.Delay(500);
        await billing.RestartAsync(TimeSpan.FromSeconds(90));

        var liesPerClient = new List<(string Key, int Lied)>();
        foreach (var (_, key, jobs) in submitted)
        {
            using var http = Network.Client(key);
            var lied = 0;
            foreach (var id in jobs)
            {
                var job = await Network.WaitForJobAsync(http, id, TimeSpan.FromSeconds(240));
                Assert.Equal("completed", job.GetProperty("status").GetString());
                // The liar's replica, if it got one, reports after or before the quorum: rejected either way.
                var onLiar = await LiarReplicaAsync(http, id, liar.NodeId);
                if (onLiar is not null)
                {
                    Assert.Equal("rejected", onLiar);
                    lied++;
                }
            }
            liesPerClient.Add((key, lied));
        }
        var lies = liesPerClient.Sum(c => c.Lied);
        Assert.True(lies >= 1);

        // Every verdict reached billing (it may still be working through them since its restart), each slashed once.
        var stake = await Network.WaitForAsync(async () => await Network.Json(await liarProvider.GetAsync($"/api/stakes/{liar.NodeId}")),
            s => s.GetProperty("slashes").GetInt32() >= lies, TimeSpan.FromSeconds(60));
        output.WriteLine($"{lies} lies slashed, {slashedBeforeKill} of them before billing was killed");
        Assert.Equal(lies, stake.GetProperty("slashes").GetInt32());
        foreach (var (key, lied) in liesPerClient)
        {
            // One slash share per job the liar lied on, never two.
            using var http = Network.Client(key);
            var slashLines = (await Network.Json(await http.GetAsync("/api/accounts/me/ledger?limit=1000"))).EnumerateArray()
                .Where(l => l.GetProperty("kind").GetString() == "slash").ToList();
            Assert.Equal(lied, slashLines.Count);
            Assert.Equal(lied, slashLines.Select(l => l.GetProperty("verdictId").GetGuid()).Distinct().Count());
        }
        var bonded = Stake;
        for (var i = 0; i < lies; i++) bonded -= bonded * 1_000 / 10_000;
        Assert.Equal((bonded, Stake - bonded), (stake.GetProperty("bonded").GetInt64(), stake.GetProperty("slashed").GetInt64()));
        Assert.Equal(0, await AvailableAsync(liar.ProviderId));
        using var op = Network.Client(Network.OperatorKey);
        var trial = await Network.Json(await op.GetAsync("/api/ledger/trial-balance"));
        Assert.Equal((0L, 0L), (trial.GetProperty("total").GetInt64(), trial.GetProperty("unbalancedEntries").GetInt64()));
        // No hold of this run's jobs is open (other tests' jobs may still be waiting for their deadlines).
        var ours = submitted.SelectMany(s => s.Jobs).ToHashSet();
        Assert.DoesNotContain((await Network.Json(await op.GetAsync("/api/ledger/open-holds"))).EnumerateArray(), h => ours.Contains(h.GetProperty("jobId").GetGuid()));
        foreach (var (_, key, _) in submitted)
        {
            using var http = Network.Client(key);
            Assert.Equal(0, (await Network.Json(await http.GetAsync("/api/accounts/me"))).GetProperty("held").GetInt64());
        }
    }

    /// <summary>The liar's replica's status, once it is final (its late result recorded), or null when it had none.</summary>
    private static async Task<string?> LiarReplicaAsync(HttpClient http, Guid jobId, Guid liarId)
    {
        var job = await Network.WaitForAsync(async () => await Network.Json(await http.GetAsync($"/api/jobs/{jobId}")),
            j => j.GetProperty("replicas").EnumerateArray().Where(r => r.GetProperty("nodeId").GetGuid() == liarId)
                .All(r => r.GetProperty("status").GetString() is not ("withdrawn" or "assigned" or "running")), TimeSpan.FromSeconds(30));
        return job.GetProperty("replicas").EnumerateArray().Where(r => r.GetProperty("nodeId").GetGuid() == liarId)
            .Select(r => r.GetProperty("status").GetString()).FirstOrDefault();
    }
}
