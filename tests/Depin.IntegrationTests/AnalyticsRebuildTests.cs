using System.Net.Http.Json;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>
/// Rebuilding every analytics projection from position 0, while the network runs, gives what the live projections
/// hold after the whole suite's jobs (failed, retried, cancelled, paid). Runs alone, after the other tests, so no new
/// job changes the views between the two readings.
/// </summary>
[Collection(AloneCollection.Name)]
public class AnalyticsRebuildTests
{
    [Fact]
    public async Task Every_projection_rebuilt_from_zero_equals_the_live_one()
    {
        var (_, key) = await Network.CreateAccountAsync("client", deposit: 10_000_000);
        using var client = Network.Client(key);
        // This run's own failure (no node in that region: it fails at its deadline and is refunded) and success.
        var failing = (await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel = "matmul", parameters = new { n = 8 }, maxPricePerUnit = 10, deadlineSeconds = 2, region = "nowhere" }))).GetProperty("jobId").GetGuid();
        var (_, _, _) = await EventHistoryTests.CompletedJobAsync();
        Assert.Equal("failed", (await Network.WaitForJobAsync(client, failing, TimeSpan.FromSeconds(30))).GetProperty("status").GetString());

        var (_, analystKey) = await Network.CreateAccountAsync("analyst");
        using var analyst = Network.Client(analystKey);
        // The log shows an event once the daemon's high-water mark has passed it (within its polling interval).
        await Network.WaitForAsync(() => AnalyticsViews.CountAsync(analyst, "scheduler", "job_failed"), failed => failed > 0, TimeSpan.FromSeconds(10));
        for (var attempt = 1; ; attempt++)
        {
            await AnalyticsViews.CaughtUpAsync(analyst, TimeSpan.FromSeconds(60));
            var before = await HighWaterMarksAsync(analyst);
            var live = await AnalyticsViews.SnapshotAsync(analyst);

            await AnalyticsViews.RebuildAllAsync(analyst, TimeSpan.FromSeconds(120));
            var rebuilt = await AnalyticsViews.SnapshotAsync(analyst);

            // A straggler from an earlier test (a job reaching its deadline) may have moved the logs meanwhile: read again.
            var after = await HighWaterMarksAsync(analyst);
            if (attempt < 3 && !before.SequenceEqual(after)) continue;
            for (var i = 0; i < live.Length; i++) Assert.True(live[i] == rebuilt[i], $"/api/analytics/{AnalyticsViews.Views[i]} differs after the rebuild:\nlive    {live[i]}\nrebuilt {rebuilt[i]}");
            Assert.Contains(JsonDocument.Parse(live[0]).RootElement.EnumerateArray(), row => row.GetProperty("failed").GetInt64() > 0);
            break;
        }
    }

    private static async Task<long[]> HighWaterMarksAsync(HttpClient http) =>
        await Task.WhenAll(AnalyticsViews.Projections.Select(async p =>
            (await Network.Json(await http.GetAsync($"/api/analytics/projections/{p}"))).GetProperty("highWaterMark").GetInt64()));
}
