using System.Security.Cryptography;
using System.Text;
using Depin.EventStore.Streams;

namespace Depin.Gateway.ApiKeys;

/// <summary>The first operator key comes from configuration (Gateway:OperatorKey); its account is created once.</summary>
public sealed partial class OperatorBootstrap(IConfiguration configuration, EventStore.EventStore store, TimeProvider time, ILogger<OperatorBootstrap> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration["Gateway:OperatorKey"] is not { Length: > 0 } key) return;
        if (key.Length < 24) throw new InvalidOperationException("Gateway:OperatorKey must be at least 24 characters.");
        var hash = ApiKeyHash.Of(key);
        var accountId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("bootstrap-operator:" + hash))[..16]);
        await using var session = store.OpenSession();
        session.Append(AccountsApi.StreamId(accountId), ExpectedVersion.NoStream,
            [new ApiAccountOpened(accountId, "bootstrap-operator", "operator", hash, time.GetUtcNow())]);
        try
        {
            await session.SaveChangesAsync(ct);
            LogCreated(accountId);
        }
        catch (ConcurrencyException) { }   // created on an earlier start
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap operator account {AccountId} created from configuration")]
    private partial void LogCreated(Guid accountId);
}
