using Depin.Contracts.Executor;
using Depin.Executor.Execution;
using Depin.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.RabbitMqTransport;
using Microsoft.Extensions.Options;

namespace Depin.Executor.Node;

/// <summary>
/// Register, open this node's job and control queues, heartbeat. On stop: close the queue (no new work), let the
/// running job finish within the grace period (or hand it back), then exit.
/// </summary>
public sealed partial class NodeLifecycle(
    NodeRegistration registration, NodeIdentity identity, IReceiveEndpointConnector connector, IBusControl bus, RunningAttempts running,
    IOptions<ExecutorOptions> options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<NodeLifecycle> logger) : BackgroundService
{
    private HostReceiveEndpointHandle? _queue;
    private HostReceiveEndpointHandle? _control;

    /// <summary>Stops are quick and must not wait behind one another.</summary>
    private const int ControlConcurrency = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Guid nodeId;
        try { nodeId = await registration.RegisterAsync(stoppingToken); }
        catch (InvalidOperationException refused)
        {
            // No key, or the registry said no (a bad name, price or device): retrying changes nothing, and a
            // supervisor must see a failure, not a clean exit.
            LogNotRegistered(refused.Message);
            Environment.ExitCode = 3;
            lifetime.StopApplication();
            return;
        }
        identity.Set(nodeId);
        // The bus starts in the background; connecting an endpoint while it is still starting raced its start
        // ("Collection was modified") and left the node registered but deaf.
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        _queue = Connect<ExecuteJobConsumer>(NodeQueues.Name(nodeId), options.Value.Concurrency);
        _control = Connect<StopJobConsumer>(NodeQueues.ControlName(nodeId), ControlConcurrency);
        await Task.WhenAll(_queue.Ready, _control.Ready);
        LogListening(nodeId, NodeQueues.Name(nodeId));

        using var beat = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeartbeatSeconds));
        do
        {
            try { await bus.Publish(new NodeHeartbeat(nodeId, running.Count, time.GetUtcNow()), stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { LogHeartbeatFailed(ex); }
        } while (await beat.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One of this node's own queues, read by one consumer taking at most <paramref name="concurrency"/> messages at once.</summary>
    private HostReceiveEndpointHandle Connect<TConsumer>(string queue, int concurrency) where TConsumer : class, IConsumer =>
        connector.ConnectReceiveEndpoint(queue, (context, cfg) =>
        {
            cfg.ConcurrentMessageLimit = concurrency;
            if (cfg is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = (ushort)concurrency;
            cfg.ConfigureConsumer<TConsumer>(context);
        });

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_queue is not null)
        {
            LogDraining(running.Count);
            await _queue.StopAsync(cancellationToken);   // waits for the running consumer
        }
        if (_control is not null) await _control.StopAsync(cancellationToken);   // a stop may still cut a job's grace short
        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Not starting: {Reason}")]
    private partial void LogNotRegistered(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} takes jobs from queue {Queue}")]
    private partial void LogListening(Guid nodeId, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: no new jobs; {Running} running job(s) finish or are handed back")]
    private partial void LogDraining(int running);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat failed")]
    private partial void LogHeartbeatFailed(Exception ex);
}
