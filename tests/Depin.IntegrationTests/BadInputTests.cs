using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>User errors through the gateway: each a 4xx with problem details that say what is wrong; never a 500.</summary>
public class BadInputTests
{
    internal static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);   // no stack trace
        return problem;
    }

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Missing_api_key_is_401()
    {
        using var anonymous = Network.Client(null);
        var p = await Problem(await anonymous.GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
        Assert.Contains("API key is required", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Invalid_api_key_is_401()
    {
        using var client = Network.Client("dpk_not-a-real-key");
        var p = await Problem(await client.PostAsync("/api/jobs", Raw("{}")), HttpStatusCode.Unauthorized);
        Assert.Contains("unknown API key", p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_role_is_403()
    {
        using var provider = Network.Client(Network.ProviderKey);
        await Problem(await provider.PostAsJsonAsync("/api/jobs", new { kernel = "matmul", parameters = new { n = 8 }, maxPricePerUnit = 1, deadlineSeconds = 10 }),
            HttpStatusCode.Forbidden);
        var (_, clientKey) = await Network.CreateAccountAsync("client");
        using var client = Network.Client(clientKey);
        await Problem(await client.PostAsJsonAsync("/api/accounts", new { name = "x", role = "operator" }), HttpStatusCode.Forbidden);
        await Problem(await client.PostAsJsonAsync($"/api/accounts/{Guid.NewGuid()}/deposits", new { amount = 5 }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Malformed_json_is_400_saying_so()
    {
        var (_, key) = await Network.CreateAccountAsync("client");
        using var client = Network.Client(key);
        var p = await Problem(await client.PostAsync("/api/jobs", Raw("{\"kernel\": \"matmul\", ")), HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", p.GetProperty("detail").GetString());
        p = await Problem(await client.PostAsync("/api/jobs", Raw("""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":"cheap","deadlineSeconds":10}""")), HttpStatusCode.BadRequest);
        Assert.Contains("maxPricePerUnit", p.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"kernel":"bitcoin","parameters":{},"maxPricePerUnit":5,"deadlineSeconds":10}""", "unknown kernel 'bitcoin'")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":-3},"maxPricePerUnit":5,"deadlineSeconds":10}""", "'n' must be between 1 and 4096 (got -3)")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":99999999999},"maxPricePerUnit":5,"deadlineSeconds":10}""", "'n' must be between 1 and 4096")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":-1,"deadlineSeconds":10}""", "maxPricePerUnit must be between")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":5,"deadlineSeconds":0}""", "deadlineSeconds must be between")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":5}""", "deadlineSeconds is required")]
    [InlineData("""{"kernel":"matmul","maxPricePerUnit":5,"deadlineSeconds":10}""", "parameters is required")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":5,"deadlineSeconds":10,"replication":9}""", "replication must be between 1 and 5 (got 9)")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":5,"deadlineSeconds":10,"deviceClass":"tpu"}""", "deviceClass must be one of any, cpu, gpu (got 'tpu')")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":5,"deadlineSeconds":10,"deviceClass":"GPU"}""", "deviceClass must be one of any, cpu, gpu (got 'GPU')")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":5,"deadlineSeconds":10,"minGpuMemoryMiB":1024}""", "minGpuMemoryMiB needs deviceClass gpu")]
    [InlineData("""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":5,"deadlineSeconds":10,"deviceClass":"gpu","minGpuMemoryMiB":0}""", "minGpuMemoryMiB must be between 1 and")]
    public async Task Invalid_submission_is_400_naming_the_problem(string json, string expected)
    {
        var (_, key) = await Network.CreateAccountAsync("client");
        using var client = Network.Client(key);
        var p = await Problem(await client.PostAsync("/api/jobs", Raw(json)), HttpStatusCode.BadRequest);
        Assert.Contains(expected, p.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var (_, key) = await Network.CreateAccountAsync("client");
        using var client = Network.Client(key);
        var huge = $$"""{"kernel":"matmul","parameters":{"n":8},"maxPricePerUnit":5,"deadlineSeconds":10,"region":"{{new string('x', 200_000)}}"}""";
        await Problem(await client.PostAsync("/api/jobs", Raw(huge)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Bad_account_and_deposit_requests_are_400_or_404()
    {
        using var op = Network.Client(Network.OperatorKey);
        var p = await Problem(await op.PostAsJsonAsync("/api/accounts", new { name = "x", role = "king" }), HttpStatusCode.BadRequest);
        Assert.Contains("role must be one of", p.GetProperty("detail").GetString());
        var (id, _) = await Network.CreateAccountAsync("client");
        p = await Problem(await op.PostAsJsonAsync($"/api/accounts/{id}/deposits", new { amount = -5 }), HttpStatusCode.BadRequest);
        Assert.Contains("amount must be between", p.GetProperty("detail").GetString());
        await Problem(await op.PostAsJsonAsync($"/api/accounts/{Guid.NewGuid()}/deposits", new { amount = 5 }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_job_is_404()
    {
        var (_, key) = await Network.CreateAccountAsync("client");
        using var client = Network.Client(key);
        await Problem(await client.GetAsync($"/api/jobs/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Internal_services_reject_requests_that_bypass_the_gateway()
    {
        using var direct = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable("DEPIN_INTERNAL_URL_SCHEDULER")!) };
        await Problem(await direct.GetAsync("/api/jobs"), HttpStatusCode.Unauthorized);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/jobs");
        forged.Headers.Add("X-Depin-Account", Guid.NewGuid().ToString());
        forged.Headers.Add("X-Depin-Role", "operator");
        forged.Headers.Add("X-Depin-Issued", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        forged.Headers.Add("X-Depin-Signature", Convert.ToBase64String(new byte[32]));
        await Problem(await direct.SendAsync(forged), HttpStatusCode.Unauthorized);
    }
}
