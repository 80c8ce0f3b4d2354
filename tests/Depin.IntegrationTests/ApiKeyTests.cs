using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>The gateway owns keys: a rotated or revoked key stops working within seconds (its cache), a new one works at once.</summary>
public class ApiKeyTests
{
    /// <summary>Gateway:KeyCacheSeconds is 5; allow for a loaded machine, and report what was seen.</summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_rotated_key_stops_working_within_seconds_and_the_new_one_works_at_once()
    {
        var (accountId, oldKey) = await Network.CreateAccountAsync("client");
        using var old = Network.Client(oldKey);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/jobs")).StatusCode);   // cached as valid

        var rotated = await Network.Json(await old.PostAsync("/api/accounts/me/keys", null));
        Assert.Equal(accountId, rotated.GetProperty("accountId").GetGuid());
        var newKey = rotated.GetProperty("apiKey").GetString()!;
        Assert.NotEqual(oldKey, newKey);
        using var fresh = Network.Client(newKey);
        var me = await Network.Json(await fresh.GetAsync("/api/accounts/me"));
        Assert.Equal(accountId, me.GetProperty("accountId").GetGuid());

        await AssertStopsWorkingAsync(old);
    }

    [Fact]
    public async Task An_operator_revokes_a_key_and_a_client_may_not()
    {
        var (accountId, key) = await Network.CreateAccountAsync("client");
        using var client = Network.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"/api/accounts/{accountId}/keys")).StatusCode);

        using var op = Network.Client(Network.OperatorKey);
        Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync($"/api/accounts/{accountId}/keys")).StatusCode);
        await AssertStopsWorkingAsync(client);

        var unknown = await op.DeleteAsync($"/api/accounts/{Guid.NewGuid()}/keys");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("does not exist", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The operator can issue the account a new key.
        var reissued = await Network.Json(await op.PostAsync($"/api/accounts/{accountId}/keys", null));
        using var again = Network.Client(reissued.GetProperty("apiKey").GetString());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/jobs")).StatusCode);
    }

    private static async Task AssertStopsWorkingAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = (await client.GetAsync("/api/jobs")).StatusCode) == HttpStatusCode.OK && clock.Elapsed < Within) await Task.Delay(250);
        Assert.True(status == HttpStatusCode.Unauthorized, $"the old key still answered {status} after {clock.Elapsed.TotalSeconds:F1} s");
    }
}
