using System.Net.Http.Json;
using Depin.Contracts.Billing;
using Depin.ServiceDefaults.Security;

namespace Depin.Scheduler.Jobs.Paying;

/// <summary>
/// Billing's word on jobs' money, asked at read time on the caller's behalf (Scheduler:BillingUrl): billing owns
/// these numbers, so the scheduler keeps no copy of them and consumes no message to learn them.
/// </summary>
public sealed partial class BillingLedger(HttpClient http, OnBehalfOf onBehalfOf, ILogger<BillingLedger> logger)
{
    /// <summary>Job ids per question (billing's limit; a list of 500 jobs asks five times).</summary>
    public const int JobsPerRequest = 100;

    /// <summary>
    /// The jobs' money as billing has it now; a job billing holds nothing for is left out. While billing cannot be
    /// reached the answer is empty, so a job still shows, with its money unknown (null), rather than failing.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, JobMoney>> MoneyOfAsync(HttpContext caller, IReadOnlyCollection<Guid> jobIds, CancellationToken ct)
    {
        var money = new Dictionary<Guid, JobMoney>();
        try
        {
            foreach (var chunk in jobIds.Chunk(JobsPerRequest))
                foreach (var m in await GetAsync<List<JobMoney>>(caller, $"/api/ledger/jobs?ids={string.Join(',', chunk)}", ct))
                    money[m.JobId] = m;
        }
        catch (Exception ex) when (Unreachable(ex, ct))
        {
            LogUnavailable(ex.Message);
            money.Clear();
        }
        return money;
    }

    /// <summary>Billing did not answer, or answered with an error, or timed out (not the caller giving up).</summary>
    public static bool Unreachable(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested);

    /// <summary>The jobs whose hold billing still holds (its open-holds view). Throws when billing cannot be asked.</summary>
    public async Task<IReadOnlyList<Guid>> HeldJobsAsync(HttpContext caller, CancellationToken ct) =>
        (await GetAsync<List<HeldJob>>(caller, "/api/ledger/open-holds", ct)).Select(h => h.JobId).Distinct().ToList();

    private async Task<T> GetAsync<T>(HttpContext caller, string pathAndQuery, CancellationToken ct)
    {
        using var request = onBehalfOf.Request(caller, HttpMethod.Get, new Uri(http.BaseAddress!, pathAndQuery));
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(ct) ?? throw new HttpRequestException($"billing answered {pathAndQuery} with nothing");
    }

    private sealed record HeldJob(Guid JobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing could not be asked for jobs' money; they show without it: {Reason}")]
    private partial void LogUnavailable(string reason);
}
