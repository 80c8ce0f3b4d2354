using System.Net.Http.Headers;
using System.Net.Http.Json;
using Depin.Compute.Backends;
using Depin.Executor.Devices;
using Microsoft.Extensions.Options;

namespace Depin.Executor.Node;

/// <summary>Registers this node through the gateway with the provider's key; re-registering the same name keeps the node id.</summary>
public sealed partial class NodeRegistration(HttpClient http, IOptions<ExecutorOptions> options, ExecutorDevices devices, ILogger<NodeRegistration> logger)
{
    private sealed record Registered(Guid NodeId);

    public async Task<Guid> RegisterAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.ProviderKey)) throw new InvalidOperationException("Executor:ProviderKey is not set.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(o.GatewayUrl), "/api/nodes"))
                {
                    Content = JsonContent.Create(new
                    {
                        name = o.NodeName, region = o.Region, capabilities = o.Capabilities, stake = o.Stake, slots = o.Concurrency,
                        offers = devices.Offers.Select(d => new { deviceClass = d.DeviceClass.Name(), d.PricePerUnit, d.GpuMemoryMiB }),
                        accelerators = devices.Accelerators.Select(a => new { a.Kind, a.Name, a.MemoryBytes, a.ComputeCapability, a.Driver }),
                    }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ProviderKey);
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    var nodeId = (await response.Content.ReadFromJsonAsync<Registered>(ct))!.NodeId;
                    LogRegistered(nodeId, o.NodeName, string.Join(", ", devices.Offers.Select(d => $"{d.DeviceClass.Name()} at {d.PricePerUnit}")));
                    return nodeId;
                }
                var body = await response.Content.ReadAsStringAsync(ct);
                if ((int)response.StatusCode is >= 400 and < 500 and not 404 and not 429)
                    throw new InvalidOperationException($"Registration refused ({(int)response.StatusCode}): {body}");
                LogRetry(attempt, $"{(int)response.StatusCode}");
            }
            catch (HttpRequestException ex)
            {
                LogRetry(attempt, ex.Message);
            }
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered as node {NodeId} ({NodeName}): {Offers} micro-credits per unit")]
    private partial void LogRegistered(Guid nodeId, string nodeName, string offers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration attempt {Attempt} failed ({Reason}); retrying")]
    private partial void LogRetry(int attempt, string reason);
}
