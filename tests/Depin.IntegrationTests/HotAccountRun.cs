using System.Net.Http.Json;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>
/// Many tiny jobs from several fresh clients, all paying the test provider and the treasury: submitted at
/// once, then checked to have settled exactly (shared by the plain hot-account test and the kill -9 test).
/// </summary>
public sealed class HotAccountRun
{
    public const long Deposit = 50_000_000;
    private readonly List<(string Key, Guid[] Jobs)> _submitted = [];

    public IEnumerable<Guid> JobIds => _submitted.SelectMany(s => s.Jobs);

    public static async Task<HotAccountRun> SubmitAsync(int clients, int jobsPerClient)
    {
        var run = new HotAccountRun();
        var accounts = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Network.CreateAccountAsync("client", Deposit)));
        run._submitted.AddRange(await Task.WhenAll(accounts.Select(async c =>
        {
            using var http = Network.Client(c.Key);
            var ids = await Task.WhenAll(Enumerable.Range(0, jobsPerClient).Select(async i =>
                (await Network.Json(await http.PostAsJsonAsync("/api/jobs",
                    new { kernel = "matmul", parameters = new { n = 8, seed = i }, maxPricePerUnit = 10, deadlineSeconds = 240 }))).GetProperty("jobId").GetGuid()));
            return (c.Key, ids);
        })));
        return run;
    }

    /// <summary>How many of the run's jobs have completed so far (one list call per client).</summary>
    public async Task<int> CompletedSoFarAsync()
    {
        var completed = 0;
        foreach (var (key, ids) in _submitted)
        {
            using var http = Network.Client(key);
            var listed = await Network.Json(await http.GetAsync("/api/jobs?status=completed&limit=500"));
            completed += listed.EnumerateArray().Count(j => ids.Contains(j.GetProperty("jobId").GetGuid()));
        }
        return completed;
    }

    /// <summary>
    /// Every job completed and settled exactly once: each client's spend is the sum of its jobs' charges with
    /// nothing held, each charge splits into the provider's share and a 5% fee rounded down, the provider's ledger
    /// has exactly one credit per job of exactly its share, the trial balance is zero, each client's checkpointed balance
    /// is the sum of its ledger lines and no hold is open.
    /// </summary>
    public async Task AssertSettledExactlyAsync(TimeSpan timeout)
    {
        var jobs = new List<JsonElement>();
        var available = new Dictionary<string, long>();
        foreach (var (key, ids) in _submitted)
        {
            using var http = Network.Client(key);
            var mine = new List<JsonElement>();
            foreach (var id in ids) mine.Add(await Network.WaitForJobAsync(http, id, timeout));
            Assert.All(mine, j => Assert.Equal("completed", j.GetProperty("status").GetString()));
            var me = await Network.Json(await http.GetAsync("/api/accounts/me"));
            Assert.Equal(Deposit - mine.Sum(j => j.GetProperty("charged").GetInt64()), me.GetProperty("available").GetInt64());
            Assert.Equal(0, me.GetProperty("held").GetInt64());
            available[me.GetProperty("accountId").GetString()!] = me.GetProperty("available").GetInt64();
            jobs.AddRange(mine);
        }

        foreach (var j in jobs)
        {
            var (charged, provider, fee) = (j.GetProperty("charged").GetInt64(), j.GetProperty("providerAmount").GetInt64(), j.GetProperty("fee").GetInt64());
            Assert.Equal(j.GetProperty("cost").GetInt64(), charged);
            Assert.Equal(charged * 500 / 10_000, fee);
            Assert.Equal(charged - fee, provider);
        }

        using var providerHttp = Network.Client(Network.ProviderKey);
        var ledger = await Network.Json(await providerHttp.GetAsync("/api/accounts/me/ledger?limit=1000"));
        var ours = jobs.Select(j => j.GetProperty("jobId").GetString()).ToHashSet();
        var credits = ledger.EnumerateArray().Where(l => l.GetProperty("jobId").GetString() is { } id && ours.Contains(id)).ToList();
        Assert.Equal(jobs.Count, credits.Count);
        Assert.Equal(jobs.Sum(j => j.GetProperty("providerAmount").GetInt64()), credits.Sum(l => l.GetProperty("amount").GetInt64()));

        using var op = Network.Client(Network.OperatorKey);
        var trial = await Network.Json(await op.GetAsync("/api/ledger/trial-balance"));
        Assert.Equal((0L, 0L), (trial.GetProperty("total").GetInt64(), trial.GetProperty("unbalancedEntries").GetInt64()));
        // The clients' balances come from their checkpoints and tails (AvailableBalances); the trial balance sums their lines.
        foreach (var (account, amount) in available) Assert.Equal(trial.GetProperty("balances").GetProperty(account).GetInt64(), amount);
        var openHolds = await Network.Json(await op.GetAsync("/api/ledger/open-holds"));
        Assert.DoesNotContain(openHolds.EnumerateArray(), h => ours.Contains(h.GetProperty("jobId").GetString()));
    }
}
