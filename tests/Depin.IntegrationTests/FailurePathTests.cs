using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Depin.Contracts.Scheduler;
using MassTransit;

namespace Depin.IntegrationTests;

/// <summary>Nodes that vanish, nodes that shut down, and messages that arrive twice.</summary>
public class FailurePathTests
{
    private static string Region() => "it-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<List<string>> HistoryAsync(HttpClient client, Guid jobId) =>
        (await Network.Json(await client.GetAsync($"/api/jobs/{jobId}/events"))).EnumerateArray()
            .Select(e => e.GetProperty("type").GetString() + (e.GetProperty("data").TryGetProperty("reason", out var r) ? ": " + r.GetString() : ""))
            .ToList();

    [Fact]
    public async Task A_node_that_stops_heartbeating_loses_its_job_and_the_client_is_refunded_in_full()
    {
        var region = Region();
        var (_, providerKey) = await Network.CreateAccountAsync("provider");
        using var provider = Network.Client(providerKey);
        // A node with no executor behind it: it will never run the job nor heartbeat. It asks the test-owned
        // nodes' price, above every regionless job's limit, so no other test's job is stranded on it.
        await Network.Json(await provider.PostAsJsonAsync("/api/nodes",
            new { name = "ghost", region, capabilities = new[] { "matmul" }, pricePerUnit = ExecutorProcess.PricePerUnit }));
        var (_, clientKey) = await Network.CreateAccountAsync("client", deposit: 1_000_000);
        using var client = Network.Client(clientKey);
        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel = "matmul", parameters = new { n = 64 }, maxPricePerUnit = ExecutorProcess.PricePerUnit, deadlineSeconds = 25, region }));
        var jobId = submitted.GetProperty("jobId").GetGuid();

        var job = await Network.WaitForJobAsync(client, jobId, TimeSpan.FromSeconds(60));
        Assert.Equal("failed", job.GetProperty("status").GetString());
        var history = await HistoryAsync(client, jobId);
        Assert.Contains("job_assigned", history);
        Assert.Contains(history, h => h.StartsWith("job_attempt_lost: ", StringComparison.Ordinal)
                                      && (h.Contains("went offline", StringComparison.Ordinal) || h.Contains("lease expired", StringComparison.Ordinal)));
        Assert.Equal(job.GetProperty("maxCost").GetInt64(), job.GetProperty("refunded").GetInt64());
        var me = await Network.Json(await client.GetAsync("/api/accounts/me"));
        Assert.Equal((1_000_000L, 0L), (me.GetProperty("available").GetInt64(), me.GetProperty("held").GetInt64()));
    }

    [Fact]
    public async Task Sigterm_stops_the_executor_cleanly_and_hands_its_running_job_back()
    {
        var region = Region();
        var (_, providerKey) = await Network.CreateAccountAsync("provider");
        var nodeName = "sigterm-" + Guid.NewGuid().ToString("N")[..8];
        using var executor = ExecutorProcess.Start(providerKey, nodeName, region,
            new Dictionary<string, string> { ["Executor__ShutdownGraceSeconds"] = "0" });
        await executor.WaitReadyAsync(TimeSpan.FromSeconds(30));

        var (_, clientKey) = await Network.CreateAccountAsync("client", deposit: 1_000_000_000_000);
        // 10^12 pairwise interactions: minutes on any CPU, so the job is surely still running at SIGTERM
        // (a 4096² matmul finished first on a many-core CI machine).
        using var client = Network.Client(clientKey);
        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel = "nbody", parameters = new { bodies = 32_768, steps = 1_000 }, maxPricePerUnit = ExecutorProcess.PricePerUnit, deadlineSeconds = 60, region }));
        var jobId = submitted.GetProperty("jobId").GetGuid();
        for (var i = 0; i < 150; i++)
        {
            if ((await Network.Json(await client.GetAsync($"/api/jobs/{jobId}"))).GetProperty("status").GetString() == "running") break;
            await Task.Delay(100);
        }

        Process.Start("kill", ["-TERM", executor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        var exitCode = await executor.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{executor.Output}");

        for (var i = 0; i < 100; i++)
        {
            if ((await HistoryAsync(client, jobId)).Contains("job_attempt_lost: handed back: the node is shutting down")) break;
            await Task.Delay(100);
        }
        Assert.Contains("job_attempt_lost: handed back: the node is shutting down", await HistoryAsync(client, jobId));
        Assert.NotEqual("completed", (await Network.Json(await client.GetAsync($"/api/jobs/{jobId}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Duplicated_and_redelivered_messages_on_the_broker_change_no_money()
    {
        const long deposit = 5_000_000;
        var (clientId, clientKey) = await Network.CreateAccountAsync("client", deposit);
        using var client = Network.Client(clientKey);
        using var op = Network.Client(Network.OperatorKey);
        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel = "matmul", parameters = new { n = 64, seed = 5 }, maxPricePerUnit = 20, deadlineSeconds = 90 }));
        var jobId = submitted.GetProperty("jobId").GetGuid();
        var job = await Network.WaitForJobAsync(client, jobId, TimeSpan.FromSeconds(90));
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var before = await Network.Json(await client.GetAsync("/api/accounts/me"));

        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(Environment.GetEnvironmentVariable("DEPIN_TEST_RABBITMQ")!)));
        await bus.StartAsync();
        try
        {
            var completed = new JobCompleted(jobId, clientId, job.GetProperty("nodeId").GetGuid(), Guid.NewGuid(), "forged", 1_000,
                Network.ExecutorPrice, 1_000 * Network.ExecutorPrice, DateTimeOffset.UtcNow);
            var redelivered = Guid.NewGuid();
            await bus.Publish(completed, c => c.MessageId = redelivered);
            await bus.Publish(completed, c => c.MessageId = redelivered);   // the same message twice
            await bus.Publish(completed);                                     // a duplicate with a new id
            await bus.Publish(new JobSubmitted(jobId, clientId, "matmul", "{}", 20, 1, 20, DateTimeOffset.UtcNow.AddMinutes(1), 1, null));
        }
        finally { await bus.StopAsync(); }

        for (var i = 0; i < 15; i++)
        {
            await Task.Delay(200);
            var now = await Network.Json(await client.GetAsync("/api/accounts/me"));
            Assert.Equal(before.GetProperty("available").GetInt64(), now.GetProperty("available").GetInt64());
            Assert.Equal(0, now.GetProperty("held").GetInt64());
        }
        Assert.Equal(deposit - job.GetProperty("charged").GetInt64(), before.GetProperty("available").GetInt64());
        var trial = await Network.Json(await op.GetAsync("/api/ledger/trial-balance"));
        Assert.Equal((0L, 0L), (trial.GetProperty("total").GetInt64(), trial.GetProperty("unbalancedEntries").GetInt64()));
    }
}
