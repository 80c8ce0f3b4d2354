using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>Analysts' history through the gateway: each service's event log, and jobs, nodes and accounts as they were.</summary>
public class EventHistoryTests
{
    /// <summary>A tiny job run to its end (money moved), with its client's account.</summary>
    internal static async Task<(Guid JobId, JsonElement Job, Guid ClientId)> CompletedJobAsync()
    {
        var (clientId, key) = await Network.CreateAccountAsync("client", deposit: 10_000_000);
        using var client = Network.Client(key);
        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            // On the suite's own executors (region "local"): a node another test starts and stops could take it, lose it
            // when it goes offline, and the retry would be the sweeper's, not the client's request (no correlation id).
            new { kernel = "matmul", parameters = new { n = 16, seed = 3 }, maxPricePerUnit = 10, deadlineSeconds = 60, region = "local" }));
        var jobId = submitted.GetProperty("jobId").GetGuid();
        var job = await Network.WaitForJobAsync(client, jobId, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", job.GetProperty("status").GetString());
        return (jobId, job, clientId);
    }

    internal static async Task<HttpClient> AnalystAsync() => Network.Client((await Network.CreateAccountAsync("analyst")).Key);

    private static async Task<List<JsonElement>> PageAsync(HttpClient http, string query) =>
        (await Network.Json(await http.GetAsync(query))).GetProperty("events").EnumerateArray().ToList();

    /// <summary>The log shows only what the daemon's high-water mark has passed: wait until the stream's last event is there.</summary>
    internal static async Task<List<JsonElement>> SettledStreamAsync(HttpClient http, string log, string stream, string lastType)
    {
        for (var i = 0; i < 50; i++)
        {
            var events = await PageAsync(http, $"/api/events/{log}?stream={stream}");
            if (events.Count > 0 && events[^1].GetProperty("type").GetString() == lastType) return events;
            await Task.Delay(100);
        }
        Assert.Fail($"{stream} never showed {lastType} in the {log} log");
        return [];
    }

    [Fact]
    public async Task A_jobs_history_reads_the_same_as_pages_and_as_ndjson_and_carries_one_correlation_id_across_services()
    {
        var (jobId, job, _) = await CompletedJobAsync();
        using var analyst = await AnalystAsync();

        var events = await SettledStreamAsync(analyst, "scheduler", $"job-{jobId}", "job_completed");
        var holds = await SettledStreamAsync(analyst, "billing", $"hold-{jobId}", "hold_settled");

        Assert.Equal("job_submitted", events[0].GetProperty("type").GetString());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.GetProperty("version").GetInt64()));
        var positions = events.Select(e => e.GetProperty("position").GetInt64()).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(["hold_placed", "hold_settled"], holds.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(job.GetProperty("charged").GetInt64(), holds[1].GetProperty("data").GetProperty("charged").GetInt64());
        // One correlation id from the client's request to the payment, across the scheduler's and billing's logs.
        var correlation = events[0].GetProperty("correlationId").GetString();
        Assert.False(string.IsNullOrEmpty(correlation));
        Assert.All(events.Concat(holds), e => Assert.Equal(correlation, e.GetProperty("correlationId").GetString()));

        // NDJSON: the same events, one per line.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/scheduler?stream=job-{jobId}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await analyst.SendAsync(request);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(positions, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("position").GetInt64()));

        // Paging two at a time with after=next walks the same positions.
        var paged = new List<long>();
        var after = 0L;
        while (true)
        {
            var page = await Network.Json(await analyst.GetAsync($"/api/events/scheduler?stream=job-{jobId}&limit=2&after={after}"));
            paged.AddRange(page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("position").GetInt64()));
            after = page.GetProperty("next").GetInt64();
            if (!page.GetProperty("more").GetBoolean()) break;
        }
        Assert.Equal(positions, paged);

        // Type and time filters.
        var completed = events[^1];
        Assert.Equal([completed.GetProperty("position").GetInt64()],
            (await PageAsync(analyst, $"/api/events/scheduler?stream=job-{jobId}&type=job_completed")).Select(e => e.GetProperty("position").GetInt64()));
        var at = Uri.EscapeDataString(completed.GetProperty("timestamp").GetString()!);
        Assert.Equal(["job_completed"], (await PageAsync(analyst, $"/api/events/scheduler?stream=job-{jobId}&from={at}")).Select(e => e.GetProperty("type").GetString()));
        Assert.DoesNotContain("job_completed", (await PageAsync(analyst, $"/api/events/scheduler?stream=job-{jobId}&to={at}")).Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task The_log_is_for_analysts_and_operators_and_a_bad_query_is_told_what_is_wrong()
    {
        var (_, clientKey) = await Network.CreateAccountAsync("client");
        using var client = Network.Client(clientKey);
        using var analyst = await AnalystAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/events/billing")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/events/billing/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/api/events/nowhere")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/events")).StatusCode);
        var index = await Network.Json(await analyst.GetAsync("/api/events"));
        Assert.Equal(["billing", "gateway", "registry", "scheduler"], index.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("log").GetString()).Order());
        var unnamed = await analyst.GetAsync("/api/events?after=5");
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        Assert.Contains("/api/events/{log}?after=5", await unnamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var (query, says) in new[]
        {
            ("after=-1", "after must be"), ("type=job_completed", "its types are: funds_deposited"), ("from=yesterday", "from must be an ISO 8601"),
            ("limit=0", "limit must be between 1 and 10000"), ("from=2026-01-02&to=2026-01-01", "to must be later"), ("format=xml", "format must be"),
        })
        {
            var response = await analyst.GetAsync($"/api/events/billing?{query}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode} {body}");
            Assert.Contains(says, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Time_travel_returns_each_state_a_job_a_node_and_an_account_had()
    {
        var (jobId, _, clientId) = await CompletedJobAsync();
        using var analyst = await AnalystAsync();
        using var op = Network.Client(Network.OperatorKey);

        // The job after each of its events, by version and by that event's time.
        var history = (await Network.Json(await analyst.GetAsync($"/api/jobs/{jobId}/events"))).EnumerateArray().ToList();
        // The status each event leaves the job in (job_waiting only records why it waits: the status stays).
        var statusAfter = new Dictionary<string, string?>
        {
            ["job_submitted"] = "submitted", ["job_funded"] = "queued", ["job_assigned"] = "assigned", ["job_started"] = "running",
            ["job_progressed"] = "running", ["job_attempt_lost"] = "queued", ["job_waiting"] = null, ["job_completed"] = "completed",
        };
        string? expected = null;
        foreach (var e in history)
        {
            var (version, type) = (e.GetProperty("version").GetInt64(), e.GetProperty("type").GetString()!);
            expected = statusAfter[type] ?? expected;
            var byVersion = await Network.Json(await analyst.GetAsync($"/api/jobs/{jobId}?version={version}"));
            Assert.Equal(expected, byVersion.GetProperty("status").GetString());
            var byTime = await Network.Json(await analyst.GetAsync($"/api/jobs/{jobId}?at={Uri.EscapeDataString(e.GetProperty("at").GetString()!)}"));
            Assert.Equal(byVersion.GetProperty("updatedAt").GetString(), byTime.GetProperty("updatedAt").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/api/jobs/{jobId}?version={history.Count + 1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/api/jobs/{jobId}?at=2000-01-01T00:00:00Z")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync($"/api/jobs/{jobId}?version=1&at=2000-01-01")).StatusCode);

        // The account: its balance after each movement and at a moment between two deposits.
        var (accountId, _) = await Network.CreateAccountAsync("client", deposit: 3_000_000);
        var afterFirst = await Network.Json(await op.GetAsync($"/api/accounts/{accountId}"));
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(100);
        await Network.Json(await op.PostAsJsonAsync($"/api/accounts/{accountId}/deposits", new { amount = 2_000_000 }));
        var afterSecond = await Network.Json(await op.GetAsync($"/api/accounts/{accountId}"));
        Assert.Equal(3_000_000, afterFirst.GetProperty("available").GetInt64());
        Assert.Equal(afterFirst.GetProperty("available").GetInt64(), (await Network.Json(await op.GetAsync($"/api/accounts/{accountId}?version=1"))).GetProperty("available").GetInt64());
        Assert.Equal(afterFirst.GetProperty("available").GetInt64(),
            (await Network.Json(await op.GetAsync($"/api/accounts/{accountId}?at={Uri.EscapeDataString(between.ToString("O"))}"))).GetProperty("available").GetInt64());
        Assert.Equal(afterSecond.GetProperty("available").GetInt64(), (await Network.Json(await op.GetAsync($"/api/accounts/{accountId}?version=2"))).GetProperty("available").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/accounts/{accountId}?version=3")).StatusCode);
        // The job's client: deposit, hold placed, hold settled; mid-job its money was held.
        var midJob = await Network.Json(await op.GetAsync($"/api/accounts/{clientId}?version=2"));
        Assert.True(midJob.GetProperty("held").GetInt64() > 0);
        Assert.Equal(10_000_000, midJob.GetProperty("total").GetInt64());

        // A node as registered.
        var node = (await Network.Json(await analyst.GetAsync("/api/nodes"))).EnumerateArray().First();
        var first = await Network.Json(await analyst.GetAsync($"/api/nodes/{node.GetProperty("nodeId").GetGuid()}?version=1"));
        Assert.Equal(node.GetProperty("name").GetString(), first.GetProperty("name").GetString());
        // PostgreSQL keeps event times to the microsecond; the current document holds the tick it was written with.
        Assert.True((node.GetProperty("registeredAt").GetDateTimeOffset() - first.GetProperty("registeredAt").GetDateTimeOffset()).Duration() < TimeSpan.FromMicroseconds(1));
    }
}
