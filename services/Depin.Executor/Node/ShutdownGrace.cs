using Microsoft.Extensions.Options;

namespace Depin.Executor.Node;

/// <summary>Cancelled a grace period after the host starts stopping: a running job that has not finished by then is handed back.</summary>
public sealed class ShutdownGrace : IDisposable
{
    private readonly CancellationTokenSource _expired = new();
    private readonly CancellationTokenRegistration _registration;

    public ShutdownGrace(IHostApplicationLifetime lifetime, IOptions<ExecutorOptions> options) =>
        _registration = lifetime.ApplicationStopping.Register(() => _expired.CancelAfter(TimeSpan.FromSeconds(options.Value.ShutdownGraceSeconds)));

    public CancellationToken Expired => _expired.Token;

    public void Dispose()
    {
        _registration.Dispose();
        _expired.Dispose();
    }
}
