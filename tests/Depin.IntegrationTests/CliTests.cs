using System.Text.Json;

using static Depin.IntegrationTests.CliProcess;

namespace Depin.IntegrationTests;

/// <summary>The real `depin` binary (the build test.sh made) against the running network, as a user runs it.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task A_client_submits_watches_and_reads_the_result_of_a_job()
    {
        var (_, key) = await Network.CreateAccountAsync("client", deposit: 50_000_000);

        var watched = await DepinAsync(key, "jobs", "submit", "matmul", "-p", "n=24", "-p", "seed=5", "--max-price", "10", "--watch", "--json");

        Assert.True(watched.ExitCode == 0, $"exit {watched.ExitCode}: {watched.Err}\n{watched.Out}");
        // --json --watch: the job's events one per line, then the job as it ended (indented).
        var lines = watched.Out.Split('\n');
        var events = lines.TakeWhile(l => l != "{").Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("job_submitted", events[0].GetProperty("type").GetString());
        Assert.Equal("job_completed", events[^1].GetProperty("type").GetString());
        var job = JsonDocument.Parse(string.Join('\n', lines.SkipWhile(l => l != "{"))).RootElement;
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(job.GetProperty("units").GetInt64() * Network.ExecutorPrice, job.GetProperty("charged").GetInt64());
        var jobId = job.GetProperty("jobId").GetGuid();

        var result = await DepinAsync(key, "jobs", "result", jobId.ToString(), "--json");
        using var api = Network.Client(key);
        var fromApi = await Network.Json(await api.GetAsync($"/api/jobs/{jobId}/result"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(fromApi.GetProperty("resultHash").GetString(), result.Json.GetProperty("resultHash").GetString());

        var list = await DepinAsync(key, "jobs", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(list.Json.EnumerateArray(), j => j.GetProperty("jobId").GetGuid() == jobId);

        var table = await DepinAsync(key, "jobs", "list");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(jobId.ToString(), table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kernels_are_listed_with_their_parameters_bounds_and_cost_model()
    {
        var (_, key) = await Network.CreateAccountAsync("client");

        var run = await DepinAsync(key, "kernels", "--json");

        Assert.Equal(0, run.ExitCode);
        var matmul = run.Json.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "matmul");
        var n = matmul.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "n");
        Assert.True(n.GetProperty("min").GetInt64() >= 1 && n.GetProperty("max").GetInt64() > n.GetProperty("min").GetInt64());
        Assert.All(run.Json.EnumerateArray(), k => Assert.False(string.IsNullOrWhiteSpace(k.GetProperty("costModel").GetString())));
        Assert.Equal(8, run.Json.GetArrayLength());
    }

    [Fact]
    public async Task A_bad_key_a_bad_parameter_and_a_bad_command_line_each_say_why_with_their_own_exit_code()
    {
        var (_, key) = await Network.CreateAccountAsync("client", deposit: 1_000_000);

        var badKey = await DepinAsync("dpk_not-a-real-key", "jobs", "list");
        Assert.Equal(4, badKey.ExitCode);
        Assert.Contains("401", badKey.Err, StringComparison.Ordinal);

        var badParameter = await DepinAsync(key, "jobs", "submit", "matmul", "-p", "n=0", "--max-price", "10");
        Assert.Equal(3, badParameter.ExitCode);
        Assert.Contains("parameter 'n' must be between", badParameter.Err, StringComparison.Ordinal);

        var unknownJob = await DepinAsync(key, "jobs", "result", Guid.NewGuid().ToString());
        Assert.Equal(5, unknownJob.ExitCode);

        var malformed = await DepinAsync(key, "jobs", "submit", "matmul", "-p", "n=big", "--max-price", "10");
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("--param n must be an integer", malformed.Err, StringComparison.Ordinal);

        var noKey = await DepinAsync(null, "jobs", "list");
        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("no API key", noKey.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", badKey.Err + badParameter.Err + noKey.Err, StringComparison.Ordinal);   // no stack traces
    }

    [Fact]
    public async Task An_operator_opens_and_funds_an_account_and_the_new_client_sees_its_balance()
    {
        var created = await DepinAsync(Network.OperatorKey, "accounts", "create", $"cli-{Guid.NewGuid():N}"[..20], "--role", "client", "--json");
        Assert.True(created.ExitCode == 0, created.Err);
        var (accountId, clientKey) = (created.Json.GetProperty("accountId").GetGuid(), created.Json.GetProperty("apiKey").GetString()!);

        var deposit = await DepinAsync(Network.OperatorKey, "accounts", "deposit", accountId.ToString(), "2500000", "--idempotency-key", $"cli-{accountId}");
        var again = await DepinAsync(Network.OperatorKey, "accounts", "deposit", accountId.ToString(), "2500000", "--idempotency-key", $"cli-{accountId}");
        Assert.Equal((0, 0), (deposit.ExitCode, again.ExitCode));

        var earnings = await DepinAsync(clientKey, "earnings", "--json");
        Assert.Equal(0, earnings.ExitCode);
        Assert.Equal(2_500_000, earnings.Json.GetProperty("balance").GetProperty("available").GetInt64());   // credited once

        var refused = await DepinAsync(clientKey, "accounts", "create", "nope", "--role", "client");
        Assert.Equal(4, refused.ExitCode);
    }

    [Fact]
    public async Task The_anomaly_view_exit_code_agrees_with_what_it_reports()
    {
        var run = await DepinAsync(Network.OperatorKey, "anomalies", "--json");

        var found = run.Json.GetProperty("unpaidJobs").GetArrayLength() + run.Json.GetProperty("errorQueues").GetProperty("messages").GetInt64();
        Assert.Equal(found == 0 ? 0 : 1, run.ExitCode);
    }

    [Fact]
    public async Task An_analyst_exports_the_history_travels_in_time_and_verifies_the_chains()
    {
        var (jobId, job, _) = await EventHistoryTests.CompletedJobAsync();
        var (_, analystKey) = await Network.CreateAccountAsync("analyst");
        using var analyst = Network.Client(analystKey);
        var fromApi = (await EventHistoryTests.SettledStreamAsync(analyst, "scheduler", $"job-{jobId}", "job_completed"))
            .Select(e => e.GetProperty("type").GetString()).ToList();

        var exported = await DepinAsync(analystKey, "events", "--log", "scheduler", "--stream", $"job-{jobId}", "--json");
        Assert.True(exported.ExitCode == 0, exported.Err);
        Assert.Equal(fromApi, exported.Lines.Select(e => e.GetProperty("type").GetString()));

        var csv = await DepinAsync(analystKey, "events", "--log", "scheduler", "--stream", $"job-{jobId}", "--format", "csv");
        var rows = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("log,position,stream,version,type,timestamp", rows[0], StringComparison.Ordinal);
        Assert.Equal(fromApi.Count, rows.Length - 1);

        // A type lives in one log: asking every log for it finds the payment in billing's (once billing's daemon has passed it).
        await EventHistoryTests.SettledStreamAsync(analyst, "billing", $"hold-{jobId}", "hold_settled");
        var payment = await DepinAsync(analystKey, "events", "--type", "hold_settled", "--stream", $"hold-{jobId}", "--json");
        Assert.True(payment.ExitCode == 0, payment.Err);
        var settled = Assert.Single(payment.Lines);
        Assert.Equal("billing", settled.GetProperty("log").GetString());
        Assert.Equal(job.GetProperty("charged").GetInt64(), settled.GetProperty("data").GetProperty("charged").GetInt64());
        Assert.Equal(3, (await DepinAsync(analystKey, "events", "--type", "no_such_event")).ExitCode);

        var first = await DepinAsync(analystKey, "at", $"job-{jobId}", "--version", "1", "--json");
        Assert.True(first.ExitCode == 0, first.Err);
        Assert.Equal("submitted", first.Json.GetProperty("status").GetString());
        Assert.Equal(2, (await DepinAsync(analystKey, "at", $"job-{jobId}")).ExitCode);

        var verify = await DepinAsync(analystKey, "verify", "--json");
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Err);
        Assert.Equal(["gateway", "scheduler", "registry", "billing"], verify.Json.EnumerateArray().Select(r => r.GetProperty("log").GetString()));
        Assert.All(verify.Json.EnumerateArray(), r => Assert.True(r.GetProperty("intact").GetBoolean()));

        var (_, clientKey) = await Network.CreateAccountAsync("client");
        Assert.Equal(4, (await DepinAsync(clientKey, "events", "--log", "billing")).ExitCode);
    }

    [Fact]
    public async Task An_analyst_replays_a_projection_and_sees_how_fast_it_went()
    {
        var (_, analystKey) = await Network.CreateAccountAsync("analyst");
        await EventHistoryTests.CompletedJobAsync();

        var replay = await DepinAsync(analystKey, "replay", "provider-days", "--json");

        Assert.True(replay.ExitCode == 0, replay.Out + replay.Err);
        var rebuild = replay.Json.GetProperty("rebuild");
        Assert.False(rebuild.GetProperty("running").GetBoolean());
        Assert.True(rebuild.GetProperty("events").GetInt64() > 0);
        Assert.True(rebuild.GetProperty("eventsPerSecond").GetDouble() > 0);
        Assert.Equal(2, (await DepinAsync(analystKey, "replay", "no-such-projection")).ExitCode);

        // After the rebuild the projection carries on live: a payment made afterwards is counted.
        var rebuiltThrough = rebuild.GetProperty("events").GetInt64();
        await EventHistoryTests.CompletedJobAsync();
        using var analyst = Network.Client(analystKey);
        JsonElement status = default;
        for (var i = 0; i < 150; i++)
        {
            status = await Network.Json(await analyst.GetAsync("/api/analytics/projections/provider-days"));
            if (status.GetProperty("position").GetInt64() > rebuiltThrough && status.GetProperty("behind").GetInt64() == 0) break;
            await Task.Delay(200);
        }
        Assert.True(status.GetProperty("position").GetInt64() > rebuiltThrough, $"provider-days stopped after its rebuild: {status}");
    }

    [Fact]
    public async Task An_analyst_reads_what_the_analytics_projections_counted()
    {
        var (_, job, clientId) = await EventHistoryTests.CompletedJobAsync();
        var (_, analystKey) = await Network.CreateAccountAsync("analyst");

        // The analytics daemon polls every half second: wait for the client's day to show the job.
        JsonElement day = default;
        for (var i = 0; i < 100; i++)
        {
            var clients = await DepinAsync(analystKey, "analytics", "clients", "--account", clientId.ToString(), "--json");
            Assert.True(clients.ExitCode == 0, clients.Err);
            day = clients.Json.EnumerateArray().FirstOrDefault();
            if (day.ValueKind == JsonValueKind.Object && day.GetProperty("jobs").GetInt64() == 1) break;
            await Task.Delay(200);
        }
        Assert.Equal(1, day.GetProperty("jobs").GetInt64());
        Assert.Equal(job.GetProperty("charged").GetInt64(), day.GetProperty("spent").GetInt64());
        Assert.Equal(10_000_000, day.GetProperty("deposited").GetInt64());

        var kernels = await DepinAsync(analystKey, "analytics", "kernels", "--json");
        var matmul = kernels.Json.EnumerateArray().Single(k => k.GetProperty("kernel").GetString() == "matmul");
        Assert.True(matmul.GetProperty("completed").GetInt64() >= 1);
        Assert.True(matmul.GetProperty("queueWaitMs").GetProperty("p50").GetDouble() >= 0);
        var table = await DepinAsync(analystKey, "analytics", "jobs");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("matmul", table.Out, StringComparison.Ordinal);
        Assert.Equal(3, (await DepinAsync(analystKey, "analytics", "jobs", "--from", "yesterday")).ExitCode);
    }
}
