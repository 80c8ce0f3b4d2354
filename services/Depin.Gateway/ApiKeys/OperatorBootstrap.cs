using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Depin.Gateway.ApiKeys;

/// <summary>
/// Accounts that exist from the start, from configuration, each created once: the first operator (Gateway:OperatorKey),
/// and the network's probe account (Gateway:ProbeAccountId), a client account whose known-answer probes the scheduler
/// submits (Scheduler:Probes:AccountId, the same id) and operators fund. Nobody holds a key to the probe account: its key
/// hash is of random bytes thrown away.
/// </summary>
public sealed partial class OperatorBootstrap(IConfiguration configuration, IDocumentStore store, TimeProvider time, ILogger<OperatorBootstrap> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration["Gateway:OperatorKey"] is { Length: > 0 } key)
        {
            if (key.Length < 24) throw new InvalidOperationException("Gateway:OperatorKey must be at least 24 characters.");
            var hash = ApiKeyHash.Of(key);
            var accountId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("bootstrap-operator:" + hash))[..16]);
            await OpenOnceAsync(accountId, "bootstrap-operator", "operator", hash, ct);
        }
        if (configuration["Gateway:ProbeAccountId"] is { Length: > 0 } probes)
        {
            if (!Guid.TryParse(probes, out var probeAccount) || probeAccount == Guid.Empty)
                throw new InvalidOperationException("Gateway:ProbeAccountId must be a GUID.");
            await OpenOnceAsync(probeAccount, "network-probes", "client", ApiKeyHash.Of(Convert.ToHexString(RandomNumberGenerator.GetBytes(32))), ct);
        }
    }

    private async Task OpenOnceAsync(Guid accountId, string name, string role, string keyHash, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(AccountsApi.StreamId(accountId), ct) is not null) return;   // created on an earlier start
        session.Events.StartStream(AccountsApi.StreamId(accountId), new ApiAccountOpened(accountId, name, role, keyHash, time.GetUtcNow()));
        try
        {
            await session.SaveChangesAsync(ct);
            LogCreated(name, accountId);
        }
        catch (Exception ex) when (ex is JasperFx.ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException) { }   // another instance won
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap account {Name} ({AccountId}) created from configuration")]
    private partial void LogCreated(string name, Guid accountId);
}
