using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>
/// A provider's stake through the gateway: bonded from its money at registration, added to, unbonded and released after the
/// cooling-off (2 s under test.sh), never spendable meanwhile, and reported to the registry.
/// </summary>
public class StakeTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_stake_is_bonded_at_registration_added_to_unbonded_and_released_after_the_cooling_off()
    {
        var (_, key) = await Network.CreateAccountAsync("provider", deposit: 10_000);
        using var provider = Network.Client(key);
        var region = "st-" + Guid.NewGuid().ToString("N")[..12];
        // Never heartbeats; at the test executors' price (500), no other test's job lands on it.
        var nodeId = (await Network.Json(await provider.PostAsJsonAsync("/api/nodes",
            new { name = "staked", region, capabilities = new[] { "matmul" }, pricePerUnit = ExecutorProcess.PricePerUnit, stake = 4_000 }))).GetProperty("nodeId").GetGuid();
        async Task<JsonElement> Stake()   // not found until the registration reaches billing, which bonds it
        {
            var response = await provider.GetAsync($"/api/stakes/{nodeId}");
            return response.StatusCode == HttpStatusCode.NotFound ? default : await Network.Json(response);
        }
        async Task<JsonElement> Money() => await Network.Json(await provider.GetAsync("/api/accounts/me"));
        (long, long, long) Amounts(JsonElement m) => (m.GetProperty("available").GetInt64(), m.GetProperty("staked").GetInt64(), m.GetProperty("total").GetInt64());

        await Network.WaitForAsync(Stake, s => s.ValueKind == JsonValueKind.Object && s.GetProperty("bonded").GetInt64() == 4_000, Within);
        Assert.Equal((6_000L, 4_000L, 10_000L), Amounts(await Money()));

        // The CLI as a provider types it.
        var added = await CliProcess.DepinAsync(key, "stakes", "add", nodeId.ToString(), "1000", "--json");
        Assert.True(added.ExitCode == 0, added.Err);
        Assert.Equal(5_000, added.Json.GetProperty("bonded").GetInt64());
        var listed = await CliProcess.DepinAsync(key, "stakes", "list");
        Assert.True(listed.ExitCode == 0, listed.Err);
        Assert.Contains(nodeId.ToString(), listed.Out);
        Assert.Contains("5000", listed.Out);
        var tooMuch = await BadInputTests.Problem(await provider.PostAsJsonAsync($"/api/stakes/{nodeId}", new { amount = 5_001 }), HttpStatusCode.Conflict);
        Assert.Equal("available balance 5000 is below the stake 5001 (micro-credits)", tooMuch.GetProperty("detail").GetString());
        await BadInputTests.Problem(await provider.PostAsJsonAsync($"/api/stakes/{nodeId}", new { }), HttpStatusCode.BadRequest);

        // Someone else's node: not theirs to see or stake on; clients stake on nothing.
        var (_, otherKey) = await Network.CreateAccountAsync("provider", deposit: 1_000);
        using var other = Network.Client(otherKey);
        await BadInputTests.Problem(await other.GetAsync($"/api/stakes/{nodeId}"), HttpStatusCode.NotFound);
        await BadInputTests.Problem(await other.PostAsJsonAsync($"/api/stakes/{nodeId}", new { amount = 10 }), HttpStatusCode.Forbidden);
        var (_, clientKey) = await Network.CreateAccountAsync("client");
        using var client = Network.Client(clientKey);
        await BadInputTests.Problem(await client.PostAsJsonAsync($"/api/stakes/{nodeId}", new { amount = 10 }), HttpStatusCode.Forbidden);
        Assert.Empty((await Network.Json(await other.GetAsync("/api/stakes"))).EnumerateArray());

        var unbonding = await Network.Json(await provider.PostAsJsonAsync($"/api/stakes/{nodeId}/unbond", new { amount = 2_000 }));
        Assert.Equal(3_000, unbonding.GetProperty("bonded").GetInt64());
        Assert.Equal(2_000, Assert.Single(unbonding.GetProperty("unbonding").EnumerateArray()).GetProperty("amount").GetInt64());
        Assert.Equal((5_000L, 5_000L, 10_000L), Amounts(await Money()));   // unbonding is still at stake
        await BadInputTests.Problem(await provider.PostAsJsonAsync($"/api/stakes/{nodeId}/unbond", new { amount = 3_001 }), HttpStatusCode.BadRequest);

        // After the cooling-off the releaser gives it back; the registry hears of the bonded stake.
        await Network.WaitForAsync(Stake, s => s.GetProperty("unbonding").GetArrayLength() == 0, Within);
        Assert.Equal((7_000L, 3_000L, 10_000L), Amounts(await Money()));
        Assert.Equal(nodeId, Assert.Single((await Network.Json(await provider.GetAsync("/api/stakes"))).EnumerateArray()).GetProperty("nodeId").GetGuid());
        using var op = Network.Client(Network.OperatorKey);
        await Network.WaitForAsync(async () => await Network.Json(await op.GetAsync($"/api/nodes/{nodeId}")), n => n.GetProperty("bondedStake").GetInt64() == 3_000,
            Within);
        var trial = await Network.Json(await op.GetAsync("/api/ledger/trial-balance"));
        Assert.Equal((0L, 0L), (trial.GetProperty("total").GetInt64(), trial.GetProperty("unbalancedEntries").GetInt64()));
    }
}
