using System.Net.Http.Json;

namespace Depin.IntegrationTests;

/// <summary>Submissions that arrive together are stored together, and each keeps its own job and its own request's correlation id.</summary>
public class SubmissionBatchTests
{
    [Fact]
    public async Task Concurrent_submissions_each_store_their_own_job_with_their_own_correlation_id()
    {
        var (_, clientKey) = await Network.CreateAccountAsync("client", deposit: 50_000_000);
        var (_, analystKey) = await Network.CreateAccountAsync("analyst");
        using var analyst = Network.Client(analystKey);

        var correlations = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();
        var submitted = await Task.WhenAll(correlations.Select(async (correlation, i) =>
        {
            using var client = Network.Client(clientKey);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs")
            {
                Content = JsonContent.Create(new { kernel = "matmul", parameters = new { n = 8, seed = i }, maxPricePerUnit = 20, deadlineSeconds = 120 }),
            };
            request.Headers.Add("X-Correlation-Id", correlation.ToString());
            var job = await Network.Json(await client.SendAsync(request));
            return (JobId: job.GetProperty("jobId").GetGuid(), Correlation: correlation, Seed: i);
        }));

        Assert.Equal(60, submitted.Select(s => s.JobId).Distinct().Count());
        foreach (var (jobId, correlation, seed) in submitted)
        {
            // The log shows events once the daemon's high-water mark has passed them.
            var events = await Network.WaitForAsync(
                async () => (await Network.Json(await analyst.GetAsync($"/api/events/scheduler?stream=job-{jobId}&type=job_submitted"))).GetProperty("events").EnumerateArray().ToList(),
                e => e.Count > 0, TimeSpan.FromSeconds(30));
            var stored = Assert.Single(events);
            Assert.Equal(correlation.ToString(), stored.GetProperty("correlationId").GetString());
            var parameters = System.Text.Json.JsonDocument.Parse(stored.GetProperty("data").GetProperty("parametersJson").GetString()!).RootElement;
            Assert.Equal(seed, parameters.GetProperty("seed").GetInt32());
        }
    }
}
