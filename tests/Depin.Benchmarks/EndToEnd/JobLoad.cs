using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Depin.Benchmarks.EndToEnd;

/// <summary>Tiny jobs through the real gateway from several clients; times come from the job records (submitted → completed).</summary>
public sealed class JobLoad(Uri gateway, IReadOnlyList<string> clientKeys)
{
    private static readonly object TinyJob = new { kernel = "matmul", parameters = new { n = 8 }, maxPricePerUnit = 10, deadlineSeconds = 600 };

    public sealed record Outcome(int Submitted, int Completed, int Other, double Seconds, double[] LatenciesMs);

    /// <summary>A phase that was not run.</summary>
    public static readonly Outcome Nothing = new(0, 0, 0, 1, []);

    private HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>A burst: every client submits its share at once (bounded in flight), then all are awaited.</summary>
    public async Task<Outcome> BurstAsync(int jobs, TimeSpan timeout)
    {
        var perClient = jobs / clientKeys.Count;
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(clientKeys.Select(async key =>
        {
            using var http = Client(key);
            var mine = new Guid[perClient];
            await Parallel.ForAsync(0, perClient, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) => mine[i] = await SubmitAsync(http, ct));
            return (key, mine);
        }));
        return await AwaitAllAsync(ids, clock, timeout);
    }

    /// <summary>An offered rate: jobs spread evenly over time across the clients.</summary>
    public async Task<Outcome> OfferedAsync(double perSecond, int jobs, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var clients = clientKeys.Select(Client).ToArray();
        var submitted = new List<Task<(string, Guid)>>();
        for (var i = 0; i < jobs; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var c = i % clients.Length;
            submitted.Add(SubmitAsync(clients[c], CancellationToken.None).ContinueWith(t => (clientKeys[c], t.Result), TaskScheduler.Default));
        }
        var done = await Task.WhenAll(submitted);
        foreach (var c in clients) c.Dispose();
        return await AwaitAllAsync(done.GroupBy(d => d.Item1).Select(g => (g.Key, g.Select(x => x.Item2).ToArray())).ToArray(), clock, timeout);
    }

    private static async Task<Guid> SubmitAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/api/jobs", TinyJob, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("jobId").GetGuid();
    }

    private async Task<Outcome> AwaitAllAsync((string Key, Guid[] Ids)[] submitted, Stopwatch clock, TimeSpan timeout)
    {
        var pending = submitted.ToDictionary(s => s.Key, s => s.Ids.ToHashSet());
        // A client's jobs of this phase are its newest (each client key submits only here), so a list of that
        // many finds them all; a longer list would only add load the phase did not offer.
        var listLimit = submitted.ToDictionary(s => s.Key, s => Math.Clamp(s.Ids.Length, 1, 500));
        var latencies = new List<double>();
        var (completed, other) = (0, 0);
        var lastEnd = DateTimeOffset.MinValue;
        var firstSubmit = DateTimeOffset.MaxValue;
        while (pending.Values.Any(p => p.Count > 0) && clock.Elapsed < timeout)
        {
            // One client at a time, until its jobs have all ended: the clients' jobs interleave, so when the first one's
            // have, the others' nearly have too, and listing all eight each second cost the network 0.2 of a core.
            var (key, waiting) = pending.First(p => p.Value.Count > 0);
            using var http = Client(key);
            var jobs = await http.GetFromJsonAsync<JsonElement>($"/api/jobs?limit={listLimit[key]}");
            foreach (var job in jobs.EnumerateArray())
            {
                var id = job.GetProperty("jobId").GetGuid();
                var status = job.GetProperty("status").GetString();
                if (!waiting.Contains(id) || status is "submitted" or "queued" or "assigned" or "running") continue;
                waiting.Remove(id);
                var (submittedAt, updatedAt) = (job.GetProperty("submittedAt").GetDateTimeOffset(), job.GetProperty("updatedAt").GetDateTimeOffset());
                firstSubmit = submittedAt < firstSubmit ? submittedAt : firstSubmit;
                if (status == "completed")
                {
                    completed++;
                    latencies.Add((updatedAt - submittedAt).TotalMilliseconds);
                    lastEnd = updatedAt > lastEnd ? updatedAt : lastEnd;
                }
                else other++;
            }
            // Latency comes from the job's own timestamps, so how often this looks only decides how soon it
            // notices; each look lists the client's jobs of this phase, load the network under test would carry.
            if (waiting.Count > 0) await Task.Delay(1_000);
        }
        var seconds = completed == 0 ? double.NaN : (lastEnd - firstSubmit).TotalSeconds;
        return new Outcome(submitted.Sum(s => s.Ids.Length), completed, other, seconds, [.. latencies.Order()]);
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
