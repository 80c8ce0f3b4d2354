using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Depin.Executor.Node;

/// <summary>Ready once the node is registered and listening for jobs.</summary>
public sealed class NodeReadyCheck(NodeIdentity identity) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(identity.NodeId is { } id ? HealthCheckResult.Healthy($"node {id}") : HealthCheckResult.Unhealthy("not registered yet"));
}
