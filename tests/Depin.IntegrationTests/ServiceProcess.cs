using System.Diagnostics;
using System.Text;

namespace Depin.IntegrationTests;

/// <summary>
/// One of the network's service processes as test.sh started it (its pid in $DEPIN_TEST_RUN_DIR/NAME.pid):
/// killed with SIGKILL and started again exactly as before (command line, working directory, environment and
/// log file read from /proc before the kill). The new pid goes back into the pid file, so test.sh stops it.
/// </summary>
public sealed class ServiceProcess
{
    private readonly string _pidFile;
    private readonly string[] _commandLine;
    private readonly string _workingDirectory;
    private readonly Dictionary<string, string> _environment;
    private readonly string _log;
    private int _pid;

    private ServiceProcess(string pidFile, int pid)
    {
        _pidFile = pidFile;
        _pid = pid;
        _commandLine = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0');
        _workingDirectory = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(true)!.FullName;
        _environment = File.ReadAllText($"/proc/{pid}/environ").TrimEnd('\0').Split('\0')
            .Select(kv => kv.Split('=', 2)).Where(kv => kv.Length == 2).GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
        _log = new FileInfo($"/proc/{pid}/fd/1").ResolveLinkTarget(true)!.FullName;
    }

    /// <summary>The service's own URL (ASPNETCORE_URLS), for its readiness probe.</summary>
    public Uri Url => new(_environment["ASPNETCORE_URLS"]);

    public static ServiceProcess Of(string name)
    {
        var runDir = Environment.GetEnvironmentVariable("DEPIN_TEST_RUN_DIR")
            ?? throw new InvalidOperationException("DEPIN_TEST_RUN_DIR is not set: run the tests with infra/dev/test.sh.");
        var pidFile = Path.Combine(runDir, $"{name}.pid");
        return new ServiceProcess(pidFile, int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public void KillNine()
    {
        using var process = Process.GetProcessById(_pid);
        process.Kill();   // SIGKILL on Linux: no shutdown hooks, no drain
        process.WaitForExit();
    }

    /// <summary>Starts the service again as it was started before and waits until it reports ready.</summary>
    public async Task RestartAsync(TimeSpan readyWithin)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = _workingDirectory, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "exec \"$@\" >>\"$DEPIN_RESTART_LOG\" 2>&1", "sh" }.Concat(_commandLine)) start.ArgumentList.Add(arg);
        start.Environment.Clear();
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        start.Environment["DEPIN_RESTART_LOG"] = _log;
        File.AppendAllText(_log, $"==== restarted by the kill -9 test at {DateTimeOffset.UtcNow:O} ====\n", Encoding.UTF8);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {string.Join(' ', _commandLine)}");
        _pid = process.Id;
        await File.WriteAllTextAsync(_pidFile, _pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + readyWithin;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"{string.Join(' ', _commandLine)} exited during start; see {_log}");
            try
            {
                if ((await http.GetAsync(new Uri(Url, "/health/ready"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        Assert.Fail($"{string.Join(' ', _commandLine)} was not ready within {readyWithin}; see {_log}");
    }
}
