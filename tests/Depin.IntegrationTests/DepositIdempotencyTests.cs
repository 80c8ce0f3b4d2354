using System.Net;
using System.Net.Http.Json;

namespace Depin.IntegrationTests;

/// <summary>
/// An operator's tool that retries a deposit after a timeout sends the same Idempotency-Key: the account is
/// credited once, through the real gateway, billing and PostgreSQL.
/// </summary>
public class DepositIdempotencyTests
{
    [Fact]
    public async Task A_repeated_deposit_with_the_same_key_credits_once()
    {
        var (accountId, key) = await Network.CreateAccountAsync("client");
        using var op = Network.Client(Network.OperatorKey);
        var idempotencyKey = "topup-" + Guid.NewGuid();

        var first = await DepositAsync(op, accountId, 5_000, idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        // Two retries at once and one later: none credits again, each answers with the account.
        var retries = await Task.WhenAll(DepositAsync(op, accountId, 5_000, idempotencyKey), DepositAsync(op, accountId, 5_000, idempotencyKey));
        Assert.All(retries, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var later = await DepositAsync(op, accountId, 5_000, idempotencyKey);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(5_000, (await Network.Json(later)).GetProperty("available").GetInt64());

        // Another key is another deposit; no key at all is always a new deposit.
        Assert.Equal(HttpStatusCode.Created, (await DepositAsync(op, accountId, 700, "topup-" + Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await DepositAsync(op, accountId, 300, null)).StatusCode);

        using var client = Network.Client(key);
        var me = await Network.Json(await client.GetAsync("/api/accounts/me"));
        Assert.Equal(6_000, me.GetProperty("available").GetInt64());
        var ledger = await Network.Json(await client.GetAsync("/api/accounts/me/ledger"));
        Assert.Equal(3, ledger.GetArrayLength());
    }

    [Fact]
    public async Task A_key_reused_for_another_amount_is_a_conflict_and_credits_nothing()
    {
        var (accountId, _) = await Network.CreateAccountAsync("client");
        using var op = Network.Client(Network.OperatorKey);
        var idempotencyKey = "topup-" + Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await DepositAsync(op, accountId, 1_000, idempotencyKey)).StatusCode);

        var reused = await DepositAsync(op, accountId, 2_000, idempotencyKey);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("was used for a deposit of 1000", await reused.Content.ReadAsStringAsync());
        Assert.Equal(1_000, (await Network.Json(await op.GetAsync($"/api/accounts/{accountId}"))).GetProperty("available").GetInt64());
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("a key longer than two hundred characters ......................................................................................................................................................................")]
    public async Task A_malformed_key_is_a_bad_request(string idempotencyKey)
    {
        var (accountId, _) = await Network.CreateAccountAsync("client");
        using var op = Network.Client(Network.OperatorKey);
        var response = await DepositAsync(op, accountId, 1_000, idempotencyKey);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key must be 1 to 200 printable characters", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await Network.Json(await op.GetAsync($"/api/accounts/{accountId}"))).GetProperty("available").GetInt64());
    }

    private static async Task<HttpResponseMessage> DepositAsync(HttpClient op, Guid accountId, long amount, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{accountId}/deposits") { Content = JsonContent.Create(new { amount }) };
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return await op.SendAsync(request);
    }
}
