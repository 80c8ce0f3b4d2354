using Depin.Executor.Devices;
using Depin.Executor.Execution;
using Depin.Executor.Node;
using Depin.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Depin.Executor;

public static class ExecutorModule
{
    public static WebApplicationBuilder AddExecutor(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExecutorOptions>().BindConfiguration("Executor")
            .Validate(o => o.Fault().Problem is null, "Executor:FaultMode is refused: it must be none, corrupt, corrupt:P or stall, and any but none needs Executor:AllowFaultModes=true")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ExecutorOptions>>().Value.Fault().Mode);
        // The job and control queues are per node and connected once the node id is known, so the consumer is not auto-configured.
        builder.AddDepinMessaging("executor", null, x =>
        {
            x.AddConsumer<ExecuteJobConsumer>().ExcludeFromConfigureEndpoints();
            x.AddConsumer<StopJobConsumer>().ExcludeFromConfigureEndpoints();
        });
        builder.Services.AddSingleton(sp => ExecutorDevices.Open(sp.GetRequiredService<IOptions<ExecutorOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ExecutorDevices>()));
        builder.Services.AddSingleton<NodeIdentity>();
        builder.Services.AddSingleton<RunningAttempts>();
        builder.Services.AddSingleton<KernelThreads>();
        builder.Services.AddSingleton<ShutdownGrace>();
        builder.Services.AddHttpClient<NodeRegistration>();
        builder.Services.AddHostedService<NodeLifecycle>();
        builder.Services.AddHealthChecks().AddCheck<NodeReadyCheck>("node", tags: ["ready"]);
        return builder;
    }
}
