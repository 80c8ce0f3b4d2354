using Marten;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Depin.Gateway.ApiKeys;

public sealed record ApiPrincipal(Guid AccountId, string Role);

/// <summary>
/// Looks keys up by hash, with a short cache so the hot path rarely reaches the database; the cache is
/// short enough (Gateway:KeyCacheSeconds) that a revoked key stops working within seconds.
/// </summary>
public sealed class ApiKeyDirectory(IDocumentStore store, IMemoryCache cache, IOptions<GatewayOptions> options)
{
    private static readonly TimeSpan Unknown = TimeSpan.FromSeconds(1);

    public async Task<ApiPrincipal?> FindAsync(string key, CancellationToken ct)
    {
        var hash = ApiKeyHash.Of(key);
        if (cache.TryGetValue(hash, out ApiPrincipal? cached)) return cached;
        await using var session = store.QuerySession();
        var account = await session.Query<ApiAccount>().Where(a => a.KeyHash == hash).FirstOrDefaultAsync(ct);
        var principal = account is null ? null : new ApiPrincipal(account.AccountId, account.Role);
        cache.Set(hash, principal, principal is null ? Unknown : TimeSpan.FromSeconds(options.Value.KeyCacheSeconds));
        return principal;
    }

    public async Task<bool> ExistsAsync(Guid accountId, CancellationToken ct)
    {
        var cacheKey = ("account", accountId);
        if (cache.TryGetValue(cacheKey, out bool known) && known) return true;
        await using var session = store.QuerySession();
        var exists = await session.LoadAsync<ApiAccount>(AccountsApi.StreamId(accountId), ct) is not null;
        if (exists) cache.Set(cacheKey, true, TimeSpan.FromMinutes(5));
        return exists;
    }
}
