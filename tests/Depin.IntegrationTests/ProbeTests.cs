using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Depin.IntegrationTests.Strangers;

namespace Depin.IntegrationTests;

/// <summary>
/// Known-answer probes through the gateway: a node is sent a job whose answer a quorum of other nodes already agreed on, as
/// an ordinary job of the network's probe account. A liar fails it (rejected, unpaid, slashed, suspended); an honest node
/// passes it (paid, one more agreed vote).
/// </summary>
public class ProbeTests
{
    /// <summary>
    /// The probe reuses a job a quorum agreed on, which the probed node did not run, with its kernel and parameters, at
    /// the node's price, as a job of the probe account.
    /// </summary>
    private static async Task AssertKnownAnswerAsync(HttpClient op, JsonElement sent, Guid nodeId)
    {
        var reused = await Network.Json(await op.GetAsync($"/api/jobs/{sent.GetProperty("sourceJobId").GetGuid()}"));
        Assert.Equal("completed", reused.GetProperty("status").GetString());
        Assert.True(reused.GetProperty("replicas").EnumerateArray().Count(r => r.GetProperty("status").GetString() == "accepted") >= 2, reused.ToString());
        Assert.DoesNotContain(reused.GetProperty("replicas").EnumerateArray(), r => r.GetProperty("nodeId").GetGuid() == nodeId);
        var probe = await Network.Json(await op.GetAsync($"/api/jobs/{sent.GetProperty("jobId").GetGuid()}"));
        Assert.Equal((ProbeAccount, reused.GetProperty("kernel").GetString(), reused.GetProperty("parameters").GetRawText()),
            (probe.GetProperty("clientAccountId").GetGuid(), probe.GetProperty("kernel").GetString(), probe.GetProperty("parameters").GetRawText()));
    }

    private static Guid ProbeAccount => Guid.Parse(Environment.GetEnvironmentVariable("DEPIN_PROBE_ACCOUNT")!);

    [Fact]
    public async Task A_probe_catches_a_liar_and_pays_an_honest_node_and_only_operators_may_send_one()
    {
        var region = Region();
        using var honestA = await StartNodeAsync(region, "honest-a", price: 103);
        using var honestB = await StartNodeAsync(region, "honest-b", price: 104);
        using var liar = await StartLiarAsync(region, price: 110, stake: 1_000_000);
        using var honestC = await StartNodeAsync(region, "honest-c", price: 120);
        var (_, clientKey) = await Network.CreateAccountAsync("client", deposit: 100_000_000);
        using var client = Network.Client(clientKey);
        using var op = Network.Client(Network.OperatorKey);

        // The answer to be known: a job two honest nodes (the cheapest two) agreed on.
        var source = await Network.WaitForJobAsync(client, await SubmitAsync(client, region, new { n = 96, seed = 21 }, replication: 2), TimeSpan.FromSeconds(90));
        Assert.Equal("completed", source.GetProperty("status").GetString());
        Assert.Equal(new[] { honestA.NodeId, honestB.NodeId }.Order(), source.GetProperty("replicas").EnumerateArray().Select(r => r.GetProperty("nodeId").GetGuid()).Order());
        await Network.Json(await op.PostAsJsonAsync($"/api/accounts/{ProbeAccount}/deposits", new { amount = 10_000_000 }));
        var probeMoney = await AvailableAsync(ProbeAccount);

        // Bad requests first: no node, an unknown node, not an operator. (Which verified job a probe reuses is drawn at
        // random among the suite's recent ones; the scheduler's ProberTests pin that choice down in a store of their own.)
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsJsonAsync("/api/probes", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsJsonAsync("/api/probes", new { nodeId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/probes", new { nodeId = liar.NodeId })).StatusCode);

        // The liar answers wrongly: the probe fails, unpaid; the verdict slashes its stake and suspends it.
        var correlation = Guid.NewGuid();
        using var probeRequest = new HttpRequestMessage(HttpMethod.Post, "/api/probes") { Content = JsonContent.Create(new { nodeId = liar.NodeId }) };
        probeRequest.Headers.Add("X-Correlation-Id", correlation.ToString());
        var sent = await Network.Json(await op.SendAsync(probeRequest));
        await AssertKnownAnswerAsync(op, sent, liar.NodeId);
        // The probe's history carries the operator's request's correlation id, as a client's job carries its submission's.
        var submitted = await Network.WaitForAsync(
            async () => (await Network.Json(await op.GetAsync($"/api/events/scheduler?stream=job-{sent.GetProperty("jobId").GetGuid()}&type=job_submitted"))).GetProperty("events").EnumerateArray().ToList(),
            e => e.Count > 0, TimeSpan.FromSeconds(30));
        Assert.Equal(correlation.ToString(), Assert.Single(submitted).GetProperty("correlationId").GetString());
        var failed = await Network.WaitForJobAsync(op, sent.GetProperty("jobId").GetGuid(), TimeSpan.FromSeconds(60));
        Assert.Equal(("failed", "the result differed from the known answer"), (failed.GetProperty("status").GetString(), failed.GetProperty("reason").GetString()));
        var replica = Assert.Single(failed.GetProperty("replicas").EnumerateArray());
        Assert.Equal((liar.NodeId, "rejected"), (replica.GetProperty("nodeId").GetGuid(), replica.GetProperty("status").GetString()));
        Assert.Equal(ProbeAccount, failed.GetProperty("clientAccountId").GetGuid());
        var liarNode = await WaitForNodeAsync(liar.NodeId, n => n.GetProperty("status").GetString() == "suspended", TimeSpan.FromSeconds(20));
        Assert.Equal(1, liarNode.GetProperty("reputation").GetProperty("wrongResults").GetInt64());
        using var liarProvider = Network.Client(liar.ProviderKey);
        var stake = await Network.WaitForAsync(async () => await Network.Json(await liarProvider.GetAsync($"/api/stakes/{liar.NodeId}")),
            s => s.GetProperty("slashed").GetInt64() > 0, TimeSpan.FromSeconds(20));
        Assert.Equal(900_000L, stake.GetProperty("bonded").GetInt64());
        Assert.Equal(0, await AvailableAsync(liar.ProviderId));
        // The probe account got its hold back and the harmed client's half of the slash.
        await Network.WaitForAsync(() => AvailableAsync(ProbeAccount), a => a == probeMoney + 50_000, TimeSpan.FromSeconds(20));
        // Suspended, it gets no more probes than work.
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsJsonAsync("/api/probes", new { nodeId = liar.NodeId })).StatusCode);

        // Its provider cannot lift the suspension; an operator can, saying why. On probation, the next probe catches it again.
        var reinstate = $"/api/nodes/{liar.NodeId}/reinstate";
        Assert.Equal(HttpStatusCode.Forbidden, (await liarProvider.PostAsJsonAsync(reinstate, new { reason = "trust me" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsJsonAsync(reinstate, new { })).StatusCode);
        var lifted = await CliProcess.DepinAsync(Network.OperatorKey, "nodes", "reinstate", liar.NodeId.ToString(), "--reason", "its provider says it is fixed", "--json");
        Assert.True(lifted.ExitCode == 0, lifted.Err);
        Assert.Equal("reinstated", lifted.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsJsonAsync(reinstate, new { reason = "twice" })).StatusCode);
        await WaitForNodeAsync(liar.NodeId, n => n.GetProperty("status").GetString() != "suspended", TimeSpan.FromSeconds(20));
        var resent = await Network.WaitForAsync(() => op.PostAsJsonAsync("/api/probes", new { nodeId = liar.NodeId }),
            r => r.StatusCode == HttpStatusCode.Accepted, TimeSpan.FromSeconds(20));   // once the scheduler has heard of the reinstatement
        var caughtAgain = await Network.WaitForJobAsync(op, (await Network.Json(resent)).GetProperty("jobId").GetGuid(), TimeSpan.FromSeconds(60));
        Assert.Equal("failed", caughtAgain.GetProperty("status").GetString());
        liarNode = await WaitForNodeAsync(liar.NodeId, n => n.GetProperty("status").GetString() == "suspended", TimeSpan.FromSeconds(20));
        Assert.Equal(2, liarNode.GetProperty("reputation").GetProperty("wrongResults").GetInt64());
        await Network.WaitForAsync(async () => await Network.Json(await liarProvider.GetAsync($"/api/stakes/{liar.NodeId}")),
            s => s.GetProperty("bonded").GetInt64() == 810_000, TimeSpan.FromSeconds(20));

        // An honest node that never ran the source answers rightly: paid at its price, one more agreed vote.
        var probed = await CliProcess.DepinAsync(Network.OperatorKey, "nodes", "probe", honestC.NodeId.ToString(), "--json");
        Assert.True(probed.ExitCode == 0, probed.Err);
        await AssertKnownAnswerAsync(op, probed.Json, honestC.NodeId);
        var passed = await Network.WaitForJobAsync(op, probed.Json.GetProperty("jobId").GetGuid(), TimeSpan.FromSeconds(60));
        Assert.Equal("completed", passed.GetProperty("status").GetString());
        var reused = await Network.Json(await op.GetAsync($"/api/jobs/{probed.Json.GetProperty("sourceJobId").GetGuid()}"));
        Assert.Equal(reused.GetProperty("resultHash").GetString(), passed.GetProperty("resultHash").GetString());
        Assert.Equal(passed.GetProperty("units").GetInt64() * 120, passed.GetProperty("charged").GetInt64());
        await WaitForNodeAsync(honestC.NodeId, n => n.GetProperty("reputation").GetProperty("agreed").GetInt64() == 1, TimeSpan.FromSeconds(20));
        Assert.Equal(passed.GetProperty("providerAmount").GetInt64(), await AvailableAsync(honestC.ProviderId));   // the charge less the network fee
    }
}
