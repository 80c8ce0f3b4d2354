using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>The running network that infra/dev/test.sh started: real gateway, services, RabbitMQ and PostgreSQL.</summary>
public static class Network
{
    public static readonly Uri Gateway = new(Required("DEPIN_GATEWAY_URL"));
    public static string OperatorKey => Required("DEPIN_OPERATOR_KEY");
    public static string ProviderKey => Required("DEPIN_PROVIDER_KEY");
    public static long ExecutorPrice => long.Parse(Required("DEPIN_EXECUTOR_PRICE"), System.Globalization.CultureInfo.InvariantCulture);

    private static string Required(string name) => Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: run the tests with infra/dev/test.sh, which starts the network.");

    public static HttpClient Client(string? apiKey)
    {
        var http = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    public static async Task<(Guid AccountId, string Key)> CreateAccountAsync(string role, long deposit = 0)
    {
        using var op = Client(OperatorKey);
        var created = await Json(await op.PostAsJsonAsync("/api/accounts", new { name = $"it-{role}-{Guid.NewGuid():N}"[..30], role }));
        var id = created.GetProperty("accountId").GetGuid();
        if (deposit > 0) await Json(await op.PostAsJsonAsync($"/api/accounts/{id}/deposits", new { amount = deposit }));
        return (id, created.GetProperty("apiKey").GetString()!);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Reads until the condition holds (every 200 ms), failing with the last thing read after the time given.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        T seen;
        do
        {
            seen = await read();
            if (condition(seen)) return seen;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"not in the expected state after {within}: {seen}");
        return seen;
    }

    /// <summary>Polls a job until it has ended and its money has moved (settled or refunded).</summary>
    public static async Task<JsonElement> WaitForJobAsync(HttpClient client, Guid jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement job;
        do
        {
            job = await Json(await client.GetAsync($"/api/jobs/{jobId}"));
            var ended = job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
            var moneyMoved = job.GetProperty("charged").ValueKind == JsonValueKind.Number || job.GetProperty("refunded").ValueKind == JsonValueKind.Number;
            if (ended && moneyMoved) return job;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"job {jobId} did not end in {timeout}: {job}");
        return job;
    }
}
