using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Depin.Gateway.ApiKeys;

public sealed record ApiPrincipal(Guid AccountId, string Role);

/// <summary>Looks keys up by hash, with a short cache so the hot path rarely reaches the database.</summary>
public sealed class ApiKeyDirectory(NpgsqlDataSource dataSource, IMemoryCache cache)
{
    private static readonly TimeSpan Known = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Unknown = TimeSpan.FromSeconds(1);

    public async Task<ApiPrincipal?> FindAsync(string key, CancellationToken ct)
    {
        var hash = ApiKeyHash.Of(key);
        if (cache.TryGetValue(hash, out ApiPrincipal? cached)) return cached;
        await using var command = dataSource.CreateCommand("select account_id, role from api_keys where key_hash = $1");
        command.Parameters.Add(new() { Value = hash });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var principal = await reader.ReadAsync(ct) ? new ApiPrincipal(reader.GetGuid(0), reader.GetString(1)) : null;
        cache.Set(hash, principal, principal is null ? Unknown : Known);
        return principal;
    }
}
