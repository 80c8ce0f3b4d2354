using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Depin.ServiceDefaults.Health;

internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select count(*) from streams");
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgresException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable or the schema is not migrated yet.");
        }
    }
}
