using System.Net.Http.Json;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>
/// A job's money is billing's: the scheduler's job view asks billing for it on the caller's behalf, and billing's own
/// answer (GET /api/ledger/jobs) shows a client only its own jobs.
/// </summary>
public class JobMoneyTests
{
    private static readonly string[] MoneyFields = ["charged", "providerAmount", "fee", "refunded"];

    [Fact]
    public async Task The_job_view_shows_billings_money_and_billing_shows_it_only_to_the_jobs_client()
    {
        var (_, ownerKey) = await Network.CreateAccountAsync("client", deposit: 5_000_000);
        var (_, strangerKey) = await Network.CreateAccountAsync("client", deposit: 1);
        using var owner = Network.Client(ownerKey);
        using var stranger = Network.Client(strangerKey);
        using var provider = Network.Client(Network.ProviderKey);
        using var op = Network.Client(Network.OperatorKey);

        var submitted = await Network.Json(await owner.PostAsJsonAsync("/api/jobs",
            new { kernel = "matmul", parameters = new { n = 16 }, maxPricePerUnit = 20, deadlineSeconds = 120 }));
        var jobId = submitted.GetProperty("jobId").GetGuid();
        var job = await Network.WaitForJobAsync(owner, jobId, TimeSpan.FromSeconds(90));
        Assert.Equal("completed", job.GetProperty("status").GetString());

        var money = Assert.Single((await Network.Json(await owner.GetAsync($"/api/ledger/jobs?ids={jobId}"))).EnumerateArray());
        Assert.Equal("settled", money.GetProperty("status").GetString());
        Assert.Equal(submitted.GetProperty("maxCost").GetInt64(), money.GetProperty("held").GetInt64());
        Assert.Equal(job.GetProperty("cost").GetInt64(), money.GetProperty("charged").GetInt64());
        foreach (var field in MoneyFields) Assert.Equal(money.GetProperty(field).GetInt64(), job.GetProperty(field).GetInt64());

        // The operator's list carries the same money, asked of billing on the operator's behalf.
        var listed = (await Network.Json(await op.GetAsync("/api/jobs?limit=500"))).EnumerateArray().Single(j => j.GetProperty("jobId").GetGuid() == jobId);
        foreach (var field in MoneyFields) Assert.Equal(money.GetProperty(field).GetInt64(), listed.GetProperty(field).GetInt64());

        Assert.Empty((await Network.Json(await stranger.GetAsync($"/api/ledger/jobs?ids={jobId}"))).EnumerateArray());
        Assert.Equal(403, (int)(await provider.GetAsync($"/api/ledger/jobs?ids={jobId}")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?ids=")]
    [InlineData("?ids=not-a-job")]
    public async Task A_malformed_question_is_a_problem_not_an_answer(string query)
    {
        using var op = Network.Client(Network.OperatorKey);
        var response = await op.GetAsync($"/api/ledger/jobs{query}");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("job id", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_a_hundred_jobs_in_one_question_is_refused()
    {
        using var op = Network.Client(Network.OperatorKey);
        var response = await op.GetAsync($"/api/ledger/jobs?ids={string.Join(',', Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()))}");
        Assert.Equal(400, (int)response.StatusCode);
    }
}
