using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using static Depin.IntegrationTests.Strangers;

namespace Depin.IntegrationTests;

/// <summary>
/// Strangers' nodes that lie, stall or die, each among honest nodes of other providers, in a region of the test's own:
/// the client gets a correct result or its money back, pays only for honest work, and the bad node loses standing.
/// </summary>
public class VerificationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_lying_node_among_honest_ones_is_outvoted_unpaid_and_suspended_and_the_client_pays_only_honest_replicas()
    {
        var region = Region();
        using var honestA = await StartNodeAsync(region, "honest-a", price: 103);
        using var honestB = await StartNodeAsync(region, "honest-b", price: 104);
        using var liar = await StartLiarAsync(region, price: 101, stake: 1_000_000);
        var (clientId, clientKey) = await Network.CreateAccountAsync("client", deposit: 100_000_000);
        using var client = Network.Client(clientKey);

        var jobId = await SubmitAsync(client, region, new { n = 96, seed = 11 }, replication: 3);
        var job = await Network.WaitForJobAsync(client, jobId, TimeSpan.FromSeconds(90));
        Assert.Equal("completed", job.GetProperty("status").GetString());
        // The liar's result is outvoted when it arrives: among the first two, or after the quorum (then recorded late, and rejected all the same).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Dictionary<Guid, JsonElement> replicas;
        while ((replicas = job.GetProperty("replicas").EnumerateArray().ToDictionary(r => r.GetProperty("nodeId").GetGuid()))[liar.NodeId]
               .GetProperty("status").GetString() != "rejected" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            job = await Network.Json(await client.GetAsync($"/api/jobs/{jobId}"));
        }
        Assert.Equal("rejected", replicas[liar.NodeId].GetProperty("status").GetString());
        Assert.Equal("accepted", replicas[honestA.NodeId].GetProperty("status").GetString());
        Assert.Equal("accepted", replicas[honestB.NodeId].GetProperty("status").GetString());
        Assert.NotEqual(replicas[liar.NodeId].GetProperty("resultHash").GetString(), job.GetProperty("resultHash").GetString());

        // The same job alone on an honest node gives the accepted result: the client got the correct one.
        var units = job.GetProperty("units").GetInt64();
        Assert.Equal(units * 103 + units * 104, job.GetProperty("charged").GetInt64());
        Assert.Equal(job.GetProperty("maxCost").GetInt64() - job.GetProperty("charged").GetInt64(), job.GetProperty("refunded").GetInt64());
        Assert.Equal(0, await AvailableAsync(liar.ProviderId));

        // Its verdict slashed the liar's stake: 10% of 1,000,000, half to the harmed client, with the verdict id in the entry.
        using var liarProvider = Network.Client(liar.ProviderKey);
        var stake = await Network.WaitForAsync(async () => await Network.Json(await liarProvider.GetAsync($"/api/stakes/{liar.NodeId}")),
            s => s.GetProperty("slashed").GetInt64() > 0, TimeSpan.FromSeconds(20));
        Assert.Equal((900_000L, 100_000L, 1), (stake.GetProperty("bonded").GetInt64(), stake.GetProperty("slashed").GetInt64(), stake.GetProperty("slashes").GetInt32()));
        var slashLine = Assert.Single((await Network.Json(await client.GetAsync("/api/accounts/me/ledger"))).EnumerateArray(),
            l => l.GetProperty("kind").GetString() == "slash");
        Assert.Equal(50_000, slashLine.GetProperty("amount").GetInt64());
        Assert.Equal(jobId, slashLine.GetProperty("jobId").GetGuid());
        Assert.NotEqual(Guid.Empty, slashLine.GetProperty("verdictId").GetGuid());
        Assert.Equal(100_000_000 - job.GetProperty("charged").GetInt64() + 50_000, await AvailableAsync(clientId));
        var liarMoney = await Network.Json(await liarProvider.GetAsync("/api/accounts/me"));
        Assert.Equal((0L, 900_000L), (liarMoney.GetProperty("available").GetInt64(), liarMoney.GetProperty("staked").GetInt64()));
        Assert.True(await AvailableAsync(honestA.ProviderId) > 0 && await AvailableAsync(honestB.ProviderId) > 0);

        var liarNode = await WaitForNodeAsync(liar.NodeId, n => n.GetProperty("status").GetString() == "suspended", TimeSpan.FromSeconds(20));
        var reputation = liarNode.GetProperty("reputation");
        Assert.Equal(1, reputation.GetProperty("wrongResults").GetInt64());
        Assert.True(reputation.GetProperty("score").GetDouble() < 0.2, reputation.ToString());
        var honest = (await WaitForNodeAsync(honestA.NodeId, n => n.GetProperty("reputation").GetProperty("agreed").GetInt64() == 1, TimeSpan.FromSeconds(20)))
            .GetProperty("reputation");
        Assert.True(honest.GetProperty("score").GetDouble() > 0.5, honest.ToString());

        // Suspended, the liar gets no more work, even at the lowest price: two replicas, on the two honest nodes.
        await Task.Delay(1000);   // the scheduler hears of the suspension from the registry
        var next = await Network.WaitForJobAsync(client, await SubmitAsync(client, region, new { n = 64, seed = 12 }, replication: 2), TimeSpan.FromSeconds(60));
        Assert.Equal("completed", next.GetProperty("status").GetString());
        Assert.DoesNotContain(next.GetProperty("replicas").EnumerateArray(), r => r.GetProperty("nodeId").GetGuid() == liar.NodeId);

        // The reliability analytics agree: the honest node agreed, the liar was outvoted.
        using var op = Network.Client(Network.OperatorKey);
        var analyticsDeadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement liarRow, honestRow;
        do
        {
            var rows = await Network.Json(await op.GetAsync("/api/analytics/nodes"));
            liarRow = rows.EnumerateArray().FirstOrDefault(r => r.GetProperty("id").GetGuid() == liar.NodeId);
            honestRow = rows.EnumerateArray().FirstOrDefault(r => r.GetProperty("id").GetGuid() == honestA.NodeId);
            if (liarRow.ValueKind == JsonValueKind.Object && liarRow.GetProperty("rejected").GetInt64() == 1
                && honestRow.ValueKind == JsonValueKind.Object && honestRow.GetProperty("agreed").GetInt64() >= 1) break;
            await Task.Delay(300);
        } while (DateTime.UtcNow < analyticsDeadline);
        Assert.Equal(0.0, liarRow.GetProperty("agreementRate").GetDouble());
        Assert.Equal(1.0, honestRow.GetProperty("agreementRate").GetDouble());
        // Its speed is measured from its results (what placement sizes its next leases by).
        var speed = Assert.Single(honestRow.GetProperty("speeds").EnumerateArray());
        Assert.Equal("cpu", speed.GetProperty("deviceClass").GetString(), ignoreCase: true);
        Assert.True(speed.GetProperty("unitsPerSecond").GetDouble() > 0, speed.ToString());
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_the_kernel_on_its_node_and_refunds_everything()
    {
        var region = Region();
        using var node = await StartNodeAsync(region, "long-runner", price: 101, ("Executor__Concurrency", "1"));
        var (clientId, clientKey) = await Network.CreateAccountAsync("client", deposit: 2_000_000_000);
        using var client = Network.Client(clientKey);
        // Hours of work on two cores: it is still running whenever the cancel comes.
        var jobId = await SubmitAsync(client, region, new { bodies = 32_768, steps = 1_000, seed = 4 }, kernel: "nbody", deadlineSeconds: 600);
        await Network.WaitForAsync(async () => await Network.Json(await client.GetAsync($"/api/jobs/{jobId}")),
            j => j.GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await client.DeleteAsync($"/api/jobs/{jobId}")).StatusCode);
        var stopped = $"Job {jobId} attempt 1: the kernel was stopped";
        while (!node.Process.Output.Contains(stopped, StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(50);
        Assert.True(node.Process.Output.Contains(stopped, StringComparison.Ordinal), node.Process.Output);
        output.WriteLine($"cancel -> kernel stopped on the node: {clock.Elapsed.TotalMilliseconds:F0} ms");

        var job = await Network.WaitForJobAsync(client, jobId, TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        var replica = Assert.Single(job.GetProperty("replicas").EnumerateArray());
        Assert.Equal(("withdrawn", "the job was cancelled"), (replica.GetProperty("status").GetString(), replica.GetProperty("reason").GetString()));
        await Network.WaitForAsync(() => AvailableAsync(clientId), a => a == 2_000_000_000, TimeSpan.FromSeconds(20));
        Assert.DoesNotContain($"Job {jobId} handed back", node.Process.Output);   // stopped, not handed back as if the node were leaving
        Assert.Equal(0, await AvailableAsync(node.ProviderId));
    }

    [Fact]
    public async Task A_stalling_node_loses_the_job_when_its_lease_runs_out_and_it_completes_elsewhere_charged_once()
    {
        var region = Region();
        using var staller = await StartNodeAsync(region, "staller", price: 101, ("Executor__FaultMode", "stall"), ("Executor__AllowFaultModes", "true"));
        using var honest = await StartNodeAsync(region, "honest", price: 105);
        var (_, clientKey) = await Network.CreateAccountAsync("client", deposit: 100_000_000);
        using var client = Network.Client(clientKey);

        var job = await Network.WaitForJobAsync(client, await SubmitAsync(client, region, new { n = 64, seed = 3 }), TimeSpan.FromSeconds(60));
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var replicas = job.GetProperty("replicas").EnumerateArray().ToList();
        Assert.Equal((staller.NodeId, "lost"), (replicas[0].GetProperty("nodeId").GetGuid(), replicas[0].GetProperty("status").GetString()));
        Assert.StartsWith("lease expired", replicas[0].GetProperty("reason").GetString());
        Assert.Equal((honest.NodeId, "accepted"), (replicas[1].GetProperty("nodeId").GetGuid(), replicas[1].GetProperty("status").GetString()));
        Assert.Equal(job.GetProperty("units").GetInt64() * 105, job.GetProperty("charged").GetInt64());
        Assert.Equal(0, await AvailableAsync(staller.ProviderId));
        await WaitForNodeAsync(staller.NodeId, n => n.GetProperty("reputation").GetProperty("timedOut").GetInt64() == 1, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_node_killed_mid_job_loses_it_to_another_node_the_client_is_charged_once_and_the_killed_node_nothing()
    {
        var region = Region();
        using var doomed = await StartNodeAsync(region, "doomed", price: 101);
        using var survivor = await StartNodeAsync(region, "survivor", price: 105);
        var (_, clientKey) = await Network.CreateAccountAsync("client", deposit: 1_000_000_000);
        using var client = Network.Client(clientKey);

        // Long enough to be running when the node is killed: the job shows as running only after the node's first
        // progress tick (1 s), and 21.5 G interactions take about 5 s on two cores (8192 bodies × 50 steps took
        // about 1 s and once finished between that tick and the kill). Short enough to complete on the survivor.
        var jobId = await SubmitAsync(client, region, new { bodies = 32_768, steps = 20 }, kernel: "nbody", deadlineSeconds: 300);
        var running = DateTime.UtcNow.AddSeconds(30);
        while ((await Network.Json(await client.GetAsync($"/api/jobs/{jobId}"))).GetProperty("status").GetString() != "running")
        {
            Assert.True(DateTime.UtcNow < running, "the job never started on the doomed node");
            await Task.Delay(100);
        }
        var clock = Stopwatch.StartNew();
        doomed.Process.Kill();

        var job = await Network.WaitForJobAsync(client, jobId, TimeSpan.FromSeconds(120));
        output.WriteLine($"kill -9 of the node running the job → completed on another node: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var replicas = job.GetProperty("replicas").EnumerateArray().ToList();
        Assert.Equal((doomed.NodeId, "lost"), (replicas[0].GetProperty("nodeId").GetGuid(), replicas[0].GetProperty("status").GetString()));
        Assert.Equal((survivor.NodeId, "accepted"), (replicas[^1].GetProperty("nodeId").GetGuid(), replicas[^1].GetProperty("status").GetString()));
        Assert.Equal(job.GetProperty("units").GetInt64() * 105, job.GetProperty("charged").GetInt64());
        Assert.Equal(0, await AvailableAsync(doomed.ProviderId));
    }
}
