using Depin.Executor;
using Depin.Executor.Devices;
using Depin.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("executor");
builder.AddExecutor();

var app = builder.Build();
app.UseServiceDefaults();
try
{
    // Devices are opened (and listed in the log) before anything registers or listens: a node that cannot
    // run what it would offer must not start.
    app.Services.GetRequiredService<ExecutorDevices>();
}
catch (DeviceUnavailableException refused)
{
    app.Services.GetRequiredService<ILogger<ExecutorDevices>>().LogCritical("Not starting: {Reason}", refused.Message);
    await app.DisposeAsync();
    return 2;
}
await app.RunAsync();
return Environment.ExitCode;   // set by a part that stopped the host on a failure (NodeLifecycle)
