using System.Net.Http.Json;
using System.Text.Json;
using Depin.Compute.Backends;
using Depin.Compute.Kernels;

namespace Depin.IntegrationTests;

public class JobLifecycleTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Matmul_job_completes_with_the_reference_hash_and_the_money_moves_exactly_as_priced()
    {
        const long deposit = 5_000_000, maxPrice = 20;
        var (clientId, clientKey) = await Network.CreateAccountAsync("client", deposit);
        using var client = Network.Client(clientKey);
        using var provider = Network.Client(Network.ProviderKey);
        using var op = Network.Client(Network.OperatorKey);

        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel = "matmul", parameters = new { n = 200, seed = 11 }, maxPricePerUnit = maxPrice, deadlineSeconds = 120 }));
        var jobId = submitted.GetProperty("jobId").GetGuid();
        var job = await Network.WaitForJobAsync(client, jobId, JobTimeout);
        Assert.Equal("completed", job.GetProperty("status").GetString());

        // The expected result is computed here, independently, by the scalar reference.
        var validation = KernelCatalog.Validate("matmul", JsonDocument.Parse("""{"n":200,"seed":11}""").RootElement);
        var expected = validation.Kernel!.RunReference(validation.Parameters!, CancellationToken.None);
        Assert.Equal(expected.Hash, job.GetProperty("resultHash").GetString());
        var result = await Network.Json(await client.GetAsync($"/api/jobs/{jobId}/result"));
        Assert.Equal(JsonDocument.Parse(expected.SummaryJson).RootElement.GetProperty("checksum").GetInt64(),
            result.GetProperty("result").GetProperty("checksum").GetInt64());

        var units = job.GetProperty("units").GetInt64();
        Assert.Equal(expected.Units, units);
        var cost = units * Network.ExecutorPrice;
        var fee = cost * 500 / 10_000;
        Assert.Equal(cost, job.GetProperty("charged").GetInt64());
        Assert.Equal(fee, job.GetProperty("fee").GetInt64());
        Assert.Equal(cost - fee, job.GetProperty("providerAmount").GetInt64());

        var me = await Network.Json(await client.GetAsync("/api/accounts/me"));
        Assert.Equal(deposit - cost, me.GetProperty("available").GetInt64());
        Assert.Equal(0, me.GetProperty("held").GetInt64());

        var clientLedger = await Network.Json(await client.GetAsync("/api/accounts/me/ledger"));
        Assert.Equal(deposit - cost, clientLedger.EnumerateArray().Sum(l => l.GetProperty("amount").GetInt64()));
        var providerLedger = await Network.Json(await provider.GetAsync("/api/accounts/me/ledger?limit=1000"));
        var providerLine = Assert.Single(providerLedger.EnumerateArray(), l => l.GetProperty("jobId").GetString() == jobId.ToString());
        Assert.Equal(cost - fee, providerLine.GetProperty("amount").GetInt64());

        var trial = await Network.Json(await op.GetAsync("/api/ledger/trial-balance"));
        Assert.Equal(0, trial.GetProperty("total").GetInt64());
        Assert.Equal(0, trial.GetProperty("unbalancedEntries").GetInt64());

        var history = await Network.Json(await client.GetAsync($"/api/jobs/{jobId}/events"));
        var types = history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["job_submitted", "job_funded"], types.Take(2));
        // Other tests share the nodes: while every slot is busy the job records why it waits (once per reason), then is assigned.
        var waited = types.Skip(2).TakeWhile(t => t == "job_waiting").Count();
        Assert.Equal("job_assigned", types[2 + waited]);
        Assert.Equal("job_completed", types[^1]);
        // A node reports its start only when the job outlives its first progress tick, and start and result
        // travel on different queues (a late start is ignored): nothing but a start or progress comes between.
        Assert.All(types.Skip(3 + waited).SkipLast(1), t => Assert.True(t is "job_started" or "job_progressed", $"unexpected {t} in {string.Join(", ", types)}"));
    }

    [Fact]
    public async Task Insufficient_funds_fails_the_job_and_holds_nothing()
    {
        var (_, key) = await Network.CreateAccountAsync("client", deposit: 100);
        using var client = Network.Client(key);
        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel = "matmul", parameters = new { n = 512 }, maxPricePerUnit = 10, deadlineSeconds = 60 }));
        var job = await WaitForEnd(client, submitted.GetProperty("jobId").GetGuid());
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.StartsWith("insufficient funds", job.GetProperty("reason").GetString());
        // Billing's word that nothing was held is the job's money, so the operator's unpaid-jobs view never lists it.
        Assert.Equal((0L, 0L), (job.GetProperty("charged").GetInt64(), job.GetProperty("refunded").GetInt64()));
        var me = await Network.Json(await client.GetAsync("/api/accounts/me"));
        Assert.Equal((100L, 0L), (me.GetProperty("available").GetInt64(), me.GetProperty("held").GetInt64()));
    }

    [Fact]
    public async Task No_eligible_node_within_the_deadline_fails_the_job_and_refunds_the_hold()
    {
        var (_, key) = await Network.CreateAccountAsync("client", deposit: 1_000_000);
        using var client = Network.Client(key);
        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel = "matmul", parameters = new { n = 64 }, maxPricePerUnit = 10, deadlineSeconds = 3, region = "atlantis" }));
        var job = await Network.WaitForJobAsync(client, submitted.GetProperty("jobId").GetGuid(), JobTimeout);
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("no eligible node within the deadline: no online node in region 'atlantis' runs kernel 'matmul'", job.GetProperty("reason").GetString());
        Assert.Equal(job.GetProperty("maxCost").GetInt64(), job.GetProperty("refunded").GetInt64());
        var me = await Network.Json(await client.GetAsync("/api/accounts/me"));
        Assert.Equal((1_000_000L, 0L), (me.GetProperty("available").GetInt64(), me.GetProperty("held").GetInt64()));
    }

    [Fact]
    public async Task Cancelled_job_is_refunded_and_cannot_be_cancelled_twice()
    {
        var (_, key) = await Network.CreateAccountAsync("client", deposit: 1_000_000);
        using var client = Network.Client(key);
        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel = "matmul", parameters = new { n = 64 }, maxPricePerUnit = 10, deadlineSeconds = 30, region = "nowhere" }));
        var jobId = submitted.GetProperty("jobId").GetGuid();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await client.DeleteAsync($"/api/jobs/{jobId}")).StatusCode);
        var job = await Network.WaitForJobAsync(client, jobId, JobTimeout);
        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await client.DeleteAsync($"/api/jobs/{jobId}")).StatusCode);
        var me = await Network.Json(await client.GetAsync("/api/accounts/me"));
        Assert.Equal(1_000_000L, me.GetProperty("available").GetInt64());
    }

    [Fact]
    public async Task A_client_cannot_see_another_clients_job()
    {
        var (_, aliceKey) = await Network.CreateAccountAsync("client", deposit: 1_000_000);
        var (_, bobKey) = await Network.CreateAccountAsync("client");
        using var alice = Network.Client(aliceKey);
        using var bob = Network.Client(bobKey);
        var submitted = await Network.Json(await alice.PostAsJsonAsync("/api/jobs",
            new { kernel = "matmul", parameters = new { n = 8 }, maxPricePerUnit = 10, deadlineSeconds = 30 }));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await bob.GetAsync($"/api/jobs/{submitted.GetProperty("jobId").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Nodes_registered_by_a_provider_are_listed_and_re_registration_keeps_the_id()
    {
        var (providerId, key) = await Network.CreateAccountAsync("provider");
        using var provider = Network.Client(key);
        // Never heartbeats: its price keeps other tests' regionless jobs (limits ≤ 50) off it while it is still online.
        var body = new { name = "it-node", region = "eu", capabilities = new[] { "matmul" }, pricePerUnit = ExecutorProcess.PricePerUnit, stake = 1000 };
        var first = await provider.PostAsJsonAsync("/api/nodes", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, first.StatusCode);
        var nodeId = (await Network.Json(first)).GetProperty("nodeId").GetGuid();
        var again = await provider.PostAsJsonAsync("/api/nodes", body);
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(nodeId, (await Network.Json(again)).GetProperty("nodeId").GetGuid());
        var listed = await Network.Json(await provider.GetAsync("/api/nodes"));
        var node = Assert.Single(listed.EnumerateArray(), n => n.GetProperty("nodeId").GetGuid() == nodeId);
        Assert.Equal(providerId, node.GetProperty("providerAccountId").GetGuid());
        Assert.Equal("online", node.GetProperty("status").GetString());
        // The executors started by test.sh registered and heartbeat: they are online.
        Assert.True(listed.EnumerateArray().Count(n => n.GetProperty("name").GetString()!.StartsWith("executor-", StringComparison.Ordinal)
                                                     && n.GetProperty("status").GetString() == "online") >= 2);
    }

    private static async Task<JsonElement> WaitForEnd(HttpClient client, Guid jobId)
    {
        for (var i = 0; i < 300; i++)
        {
            var job = await Network.Json(await client.GetAsync($"/api/jobs/{jobId}"));
            if (job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled") return job;
            await Task.Delay(200);
        }
        throw new TimeoutException($"job {jobId} did not end");
    }
}
