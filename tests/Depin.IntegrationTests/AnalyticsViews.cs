using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>The analytics projections through the gateway: their progress, their views, rebuilding them, and counts from the logs.</summary>
public static class AnalyticsViews
{
    public static readonly string[] Projections = ["job-timelines", "node-reliability", "provider-days", "client-days"];
    public static readonly string[] Views = ["jobs", "kernels", "nodes", "providers", "clients"];

    /// <summary>Waits until every projection has reached the high-water mark of its log.</summary>
    public static async Task CaughtUpAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var statuses = await Task.WhenAll(Projections.Select(async p => await Network.Json(await http.GetAsync($"/api/analytics/projections/{p}"))));
            if (statuses.All(s => s.GetProperty("behind").GetInt64() == 0 && s.GetProperty("rebuild") is var r && (r.ValueKind == JsonValueKind.Null || !r.GetProperty("running").GetBoolean())))
                return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"projections still behind after {timeout}: {string.Join(", ", statuses.Select(s => s.ToString()))}");
            await Task.Delay(200);
        }
    }

    /// <summary>Every view, as the API returns it (JSON text), in a fixed order.</summary>
    public static async Task<string[]> SnapshotAsync(HttpClient http) =>
        await Task.WhenAll(Views.Select(async v => (await Network.Json(await http.GetAsync($"/api/analytics/{v}?limit=10000"))).GetRawText()));

    public static async Task RebuildAllAsync(HttpClient http, TimeSpan timeout)
    {
        foreach (var p in Projections) await Network.Json(await http.PostAsync($"/api/analytics/projections/{p}/rebuild", null));
        await CaughtUpAsync(http, timeout);
        foreach (var p in Projections)
        {
            var rebuild = (await Network.Json(await http.GetAsync($"/api/analytics/projections/{p}"))).GetProperty("rebuild");
            Assert.Equal(JsonValueKind.Null, rebuild.GetProperty("error").ValueKind);
        }
    }

    /// <summary>How many events of a type a log holds (its NDJSON export, counted).</summary>
    public static async Task<long> CountAsync(HttpClient http, string log, string type) => (await EventsAsync(http, log, type)).Count;

    /// <summary>
    /// The events of a type, each weighed by how many payees it names (its <paramref name="list"/>, whose absence means
    /// one): a replicated job's completion or settlement counts once for each replica paid.
    /// </summary>
    public static async Task<long> PayeesAsync(HttpClient http, string log, string type, string list) =>
        (await EventsAsync(http, log, type)).Sum(e => e.GetProperty("data").TryGetProperty(list, out var payees) && payees.ValueKind == JsonValueKind.Array
            ? payees.GetArrayLength()
            : 1L);

    private static async Task<List<JsonElement>> EventsAsync(HttpClient http, string log, string type)
    {
        var body = await http.GetStringAsync($"/api/events/{log}?type={type}&format=ndjson");
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>
    /// The counting projections against the logs they count: an event applied twice or skipped (a daemon killed
    /// mid-batch and restarted, say) makes a sum differ from the number of events.
    /// </summary>
    public static async Task AssertCountsMatchTheLogsAsync(HttpClient http)
    {
        await CaughtUpAsync(http, TimeSpan.FromSeconds(60));
        var nodes = (await Network.Json(await http.GetAsync("/api/analytics/nodes"))).EnumerateArray().ToList();
        var providers = (await Network.Json(await http.GetAsync("/api/analytics/providers?limit=10000"))).EnumerateArray().ToList();
        Assert.Equal(await CountAsync(http, "scheduler", "job_assigned"), nodes.Sum(n => n.GetProperty("assigned").GetInt64()));
        Assert.Equal(await PayeesAsync(http, "scheduler", "job_completed", "replicas"), nodes.Sum(n => n.GetProperty("completed").GetInt64()));
        Assert.Equal(await CountAsync(http, "scheduler", "job_attempt_lost"),
            nodes.Sum(n => n.GetProperty("timedOut").GetInt64() + n.GetProperty("wentOffline").GetInt64() + n.GetProperty("handedBack").GetInt64() + n.GetProperty("otherLosses").GetInt64()));
        Assert.Equal(await PayeesAsync(http, "billing", "hold_settled", "payouts"), providers.Sum(p => p.GetProperty("jobs").GetInt64()));
    }
}
