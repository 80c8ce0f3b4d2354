using System.Net.Http.Json;
using System.Text.Json;

namespace Depin.IntegrationTests;

/// <summary>
/// Nodes of strangers for the trust tests: each an executor under a provider of its own, in a region of the test's own.
/// They ask over 100 per unit, above what any other test's job offers, so no other test's job (which may name no region)
/// lands on a liar.
/// </summary>
internal static class Strangers
{
    public static string Region() => "vt-" + Guid.NewGuid().ToString("N")[..12];

    public sealed record Node(ExecutorProcess Process, Guid ProviderId, string ProviderKey, Guid NodeId) : IDisposable
    {
        public void Dispose() => Process.Dispose();
    }

    /// <summary>
    /// An executor under a provider of its own, registered and ready; its node id read back from the registry. A node that
    /// stakes (Executor__Stake) has its provider funded with exactly that, so all its money is at stake.
    /// </summary>
    public static async Task<Node> StartNodeAsync(string region, string name, long price, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string> { ["Executor__PricePerUnit"] = $"{price}", ["Executor__Concurrency"] = "2" };
        foreach (var (key, value) in settings) all[key] = value;
        var (providerId, providerKey) = await Network.CreateAccountAsync("provider", all.TryGetValue("Executor__Stake", out var stake) ? long.Parse(stake, System.Globalization.CultureInfo.InvariantCulture) : 0);
        var process = ExecutorProcess.Start(providerKey, name, region, all);
        await process.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var provider = Network.Client(providerKey);
        var nodes = await Network.Json(await provider.GetAsync("/api/nodes"));
        var nodeId = nodes.EnumerateArray().First(n => n.GetProperty("name").GetString() == name && n.GetProperty("region").GetString() == region)
            .GetProperty("nodeId").GetGuid();
        return new Node(process, providerId, providerKey, nodeId);
    }

    /// <summary>A node named "liar" that reports a wrong result for every job (fault mode corrupt), with all its provider's money staked.</summary>
    public static Task<Node> StartLiarAsync(string region, long price, long stake, params (string Key, string Value)[] settings) =>
        StartNodeAsync(region, "liar", price, [("Executor__FaultMode", "corrupt"), ("Executor__AllowFaultModes", "true"),
            ("Executor__Stake", stake.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. settings]);

    public static async Task<long> AvailableAsync(Guid accountId)
    {
        using var op = Network.Client(Network.OperatorKey);
        return (await Network.Json(await op.GetAsync($"/api/accounts/{accountId}"))).GetProperty("available").GetInt64();
    }

    public static async Task<JsonElement> NodeAsync(Guid nodeId)
    {
        using var op = Network.Client(Network.OperatorKey);
        return await Network.Json(await op.GetAsync($"/api/nodes/{nodeId}"));
    }

    public static Task<JsonElement> WaitForNodeAsync(Guid nodeId, Func<JsonElement, bool> condition, TimeSpan within) =>
        Network.WaitForAsync(() => NodeAsync(nodeId), condition, within);

    public static async Task<Guid> SubmitAsync(HttpClient client, string region, object parameters, string kernel = "matmul", int? replication = null,
        int deadlineSeconds = 120)
    {
        var submitted = await Network.Json(await client.PostAsJsonAsync("/api/jobs",
            new { kernel, parameters, maxPricePerUnit = 1000, deadlineSeconds, region, replication }));
        return submitted.GetProperty("jobId").GetGuid();
    }
}
