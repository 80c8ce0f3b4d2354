using System.Text.Json;
using Npgsql;
using static Depin.IntegrationTests.CliProcess;

namespace Depin.IntegrationTests;

/// <summary>
/// Someone edits a stored payment event in PostgreSQL: the billing log's chain names it, through the API and the
/// CLI. Runs alone (the log is broken while it runs) and puts the event back afterwards.
/// </summary>
[Collection(AloneCollection.Name)]
public class ChainTamperTests
{
    [Fact]
    public async Task An_edited_payment_event_is_named_as_the_first_broken_link()
    {
        var (jobId, _, _) = await EventHistoryTests.CompletedJobAsync();
        var (_, analystKey) = await Network.CreateAccountAsync("analyst");
        using var analyst = Network.Client(analystKey);
        var settled = await WaitForAsync(async () =>
            (await Network.Json(await analyst.GetAsync($"/api/events/billing?stream=hold-{jobId}&type=hold_settled"))).GetProperty("events")
                .EnumerateArray().Select(e => (JsonElement?)e).FirstOrDefault());
        var position = settled.GetProperty("position").GetInt64();
        // The chain follows the high-water mark about once a second.
        await WaitForAsync(async () => (await Network.Json(await analyst.GetAsync("/api/events/billing/verify"))).GetProperty("headPosition").GetInt64() >= position
            ? (JsonElement?)default(JsonElement) : null);
        Assert.True((await Network.Json(await analyst.GetAsync("/api/events/billing/verify"))).GetProperty("intact").GetBoolean());

        await using var db = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("DEPIN_TEST_POSTGRES")!);
        string original;
        await using (var read = db.CreateCommand($"select data::text from billing.mt_events where seq_id = {position}"))
            original = (string)(await read.ExecuteScalarAsync())!;
        try
        {
            await using (var edit = db.CreateCommand($"update billing.mt_events set data = jsonb_set(data, '{{charged}}', '1') where seq_id = {position}"))
                Assert.Equal(1, await edit.ExecuteNonQueryAsync());

            var report = await Network.Json(await analyst.GetAsync("/api/events/billing/verify"));
            Assert.False(report.GetProperty("intact").GetBoolean());
            var broken = report.GetProperty("broken");
            Assert.Equal(position, broken.GetProperty("position").GetInt64());
            Assert.Equal($"hold-{jobId}", broken.GetProperty("stream").GetString());
            Assert.Equal("hold_settled", broken.GetProperty("type").GetString());
            Assert.Contains("edited", broken.GetProperty("problem").GetString(), StringComparison.Ordinal);

            var cli = await DepinAsync(analystKey, "verify", "--log", "billing");
            Assert.Equal(1, cli.ExitCode);
            Assert.Contains($"BROKEN at position {position}", cli.Out, StringComparison.Ordinal);
        }
        finally
        {
            await using var restore = db.CreateCommand($"update billing.mt_events set data = @original::jsonb where seq_id = {position}");
            restore.Parameters.AddWithValue("original", original);
            await restore.ExecuteNonQueryAsync();
        }
        Assert.True((await Network.Json(await analyst.GetAsync("/api/events/billing/verify"))).GetProperty("intact").GetBoolean());
    }

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement?>> probe)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        Assert.Fail("the billing log never got there in 10 s");
        return default;
    }
}
