using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>
/// Many jobs from several clients all pay the same provider and the treasury at once: every job settles
/// exactly once, each client pays exactly the sum of its jobs' charges, the provider gets exactly its shares,
/// and no hold is left behind (the cause of stranded money in the first version).
/// </summary>
public class HotAccountTests
{
    [Fact]
    public async Task Hundreds_of_jobs_from_several_clients_to_one_provider_settle_exactly()
    {
        var run = await HotAccountRun.SubmitAsync(clients: 4, jobsPerClient: 60);
        await run.AssertSettledExactlyAsync(TimeSpan.FromSeconds(240));
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
