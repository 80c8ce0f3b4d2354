using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Depin.Gateway.ApiKeys;

/// <summary>The first operator key comes from configuration (Gateway:OperatorKey); its account is created once.</summary>
public sealed partial class OperatorBootstrap(IConfiguration configuration, IDocumentStore store, TimeProvider time, ILogger<OperatorBootstrap> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration["Gateway:OperatorKey"] is not { Length: > 0 } key) return;
        if (key.Length < 24) throw new InvalidOperationException("Gateway:OperatorKey must be at least 24 characters.");
        var hash = ApiKeyHash.Of(key);
        var accountId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("bootstrap-operator:" + hash))[..16]);
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(AccountsApi.StreamId(accountId), ct) is not null) return;   // created on an earlier start
        session.Events.StartStream(AccountsApi.StreamId(accountId), new ApiAccountOpened(accountId, "bootstrap-operator", "operator", hash, time.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(ct);
            LogCreated(accountId);
        }
        catch (Exception ex) when (ex is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException) { }   // another instance won
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap operator account {AccountId} created from configuration")]
    private partial void LogCreated(Guid accountId);
}
