using Depin.EventSourcing.Inbox;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Depin.ServiceDefaults.Health;

internal sealed class PostgresHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var session = store.QuerySession();
            await session.Query<ProcessedMessage>().AnyAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or Marten.Exceptions.MartenCommandException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable or the schema is not migrated yet.");
        }
    }
}
