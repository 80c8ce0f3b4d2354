using System.Collections.Concurrent;
using System.Diagnostics;

namespace Depin.IntegrationTests;

/// <summary>
/// An executor a test starts for itself (the build test.sh made), registered under a provider of the test's own,
/// in a region of its own so that only the test's jobs reach it. Its output is kept for assertions and failures.
/// </summary>
public sealed class ExecutorProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ExecutorProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// A test's own node asks this per unit unless the test says otherwise: above every job the suite's other tests
    /// submit (they offer at most 50), so a job that names no region never lands on a node another test starts, kills
    /// or makes lie.
    /// </summary>
    public const long PricePerUnit = 500;

    public static ExecutorProcess Start(string providerKey, string nodeName, string region, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Environment.GetEnvironmentVariable("DEPIN_EXECUTOR_DLL")!])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings__rabbitmq"] = Environment.GetEnvironmentVariable("DEPIN_TEST_RABBITMQ"),
                ["Internal__SigningKey"] = Environment.GetEnvironmentVariable("DEPIN_SIGNING_KEY"),
                ["Executor__GatewayUrl"] = Network.Gateway.ToString(),
                ["Executor__ProviderKey"] = providerKey,
                ["Executor__NodeName"] = nodeName,
                ["Executor__Region"] = region,
                ["Executor__PricePerUnit"] = $"{PricePerUnit}",
            },
        };
        foreach (var (key, value) in settings) start.Environment[key] = value;
        return new ExecutorProcess(Process.Start(start)!, port);
    }

    /// <summary>Waits until the executor reports ready (registered, queue open), failing with its output if it does not.</summary>
    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"the executor exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await probe.GetAsync(new Uri($"http://127.0.0.1:{Port}/health/ready"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        Assert.Fail($"the executor was not ready within {within}:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var exit = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(exit.Token);
        _process.WaitForExit();   // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>kill -9: the process dies at once, saying nothing to anyone.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    /// <summary>
    /// A free port below Linux's ephemeral range (32768+), checked by binding it: a random pick in 20000–39999
    /// once landed on a port an outgoing connection held, and the executor failed to start.
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            var port = 20000 + Random.Shared.Next(12000);
            try
            {
                var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // taken: try another
            }
        }
    }
}
