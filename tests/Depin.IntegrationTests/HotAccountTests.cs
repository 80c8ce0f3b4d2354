using System.Net.Http.Json;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>
/// Many jobs from several clients all pay the same provider and the treasury at once: every job settles
/// exactly once, each client pays exactly the sum of its jobs' charges, the provider gets exactly its shares,
/// and no hold is left behind (the cause of stranded money in the first version).
/// </summary>
public class HotAccountTests
{
    private const int Clients = 4, JobsPerClient = 60;
    private const long Deposit = 50_000_000;

    [Fact]
    public async Task Hundreds_of_jobs_from_several_clients_to_one_provider_settle_exactly()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Network.CreateAccountAsync("client", Deposit)));
        var submitted = await Task.WhenAll(clients.Select(async c =>
        {
            using var http = Network.Client(c.Key);
            var ids = await Task.WhenAll(Enumerable.Range(0, JobsPerClient).Select(async i =>
                (await Network.Json(await http.PostAsJsonAsync("/api/jobs",
                    new { kernel = "matmul", parameters = new { n = 8, seed = i }, maxPricePerUnit = 10, deadlineSeconds = 240 }))).GetProperty("jobId").GetGuid()));
            return (c.Key, Jobs: ids);
        }));

        var jobs = new List<JsonElement>();
        foreach (var (key, ids) in submitted)
        {
            using var http = Network.Client(key);
            var mine = new List<JsonElement>();
            foreach (var id in ids) mine.Add(await Network.WaitForJobAsync(http, id, TimeSpan.FromSeconds(240)));
            Assert.All(mine, j => Assert.Equal("completed", j.GetProperty("status").GetString()));
            var me = await Network.Json(await http.GetAsync("/api/accounts/me"));
            Assert.Equal(Deposit - mine.Sum(j => j.GetProperty("charged").GetInt64()), me.GetProperty("available").GetInt64());
            Assert.Equal(0, me.GetProperty("held").GetInt64());
            jobs.AddRange(mine);
        }

        foreach (var j in jobs)
        {
            var (charged, provider, fee) = (j.GetProperty("charged").GetInt64(), j.GetProperty("providerAmount").GetInt64(), j.GetProperty("fee").GetInt64());
            Assert.Equal(j.GetProperty("cost").GetInt64(), charged);
            Assert.Equal(charged * 500 / 10_000, fee);
            Assert.Equal(charged - fee, provider);
        }

        // The provider's ledger holds exactly one credit per job, of exactly its share.
        using var providerHttp = Network.Client(Network.ProviderKey);
        var ledger = await Network.Json(await providerHttp.GetAsync("/api/accounts/me/ledger?limit=1000"));
        var ours = jobs.Select(j => j.GetProperty("jobId").GetString()).ToHashSet();
        var credits = ledger.EnumerateArray().Where(l => l.GetProperty("jobId").GetString() is { } id && ours.Contains(id)).ToList();
        Assert.Equal(jobs.Count, credits.Count);
        Assert.Equal(jobs.Sum(j => j.GetProperty("providerAmount").GetInt64()), credits.Sum(l => l.GetProperty("amount").GetInt64()));

        using var op = Network.Client(Network.OperatorKey);
        var trial = await Network.Json(await op.GetAsync("/api/ledger/trial-balance"));
        Assert.Equal((0L, 0L), (trial.GetProperty("total").GetInt64(), trial.GetProperty("unbalancedEntries").GetInt64()));
        var openHolds = await Network.Json(await op.GetAsync("/api/ledger/open-holds"));
        Assert.DoesNotContain(openHolds.EnumerateArray(), h => ours.Contains(h.GetProperty("jobId").GetString()));
    }

    [Fact]
    public async Task The_operator_sees_no_ended_job_whose_money_never_moved()
    {
        using var op = Network.Client(Network.OperatorKey);
        var unpaid = await Network.Json(await op.GetAsync("/api/anomalies/unpaid-jobs"));
        Assert.Equal(JsonValueKind.Array, unpaid.ValueKind);
        Assert.Empty(unpaid.EnumerateArray());
        using var client = Network.Client((await Network.CreateAccountAsync("client")).Key);
        Assert.Equal(403, (int)(await client.GetAsync("/api/anomalies/unpaid-jobs")).StatusCode);
    }
}
