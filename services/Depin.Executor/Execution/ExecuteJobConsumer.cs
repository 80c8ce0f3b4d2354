using System.Diagnostics;
using Depin.Compute.Backends;
using Depin.Compute.Kernels;
using Depin.Contracts.Executor;
using Depin.Contracts.Scheduler;
using Depin.Executor.Devices;
using Depin.Executor.Node;
using Depin.ServiceDefaults.Messaging;
using MassTransit;

namespace Depin.Executor.Execution;

/// <summary>
/// Runs one attempt of a job: reports start and progress (once a second, for a job that runs that long), and the result hash,
/// summary and metered units, or hands the attempt back when the node shuts down or the kernel fails.
/// </summary>
public sealed partial class ExecuteJobConsumer(ExecutorDevices devices, ShutdownGrace grace, RunningAttempts running, KernelThreads threads, FaultMode fault,
    TimeProvider time, ILogger<ExecuteJobConsumer> logger) : IConsumer<ExecuteJob>
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    public async Task Consume(ConsumeContext<ExecuteJob> context)
    {
        var job = context.Message;
        if (time.GetUtcNow() >= job.LeaseDeadline)
        {
            LogStale(job.JobId, job.Attempt);   // the scheduler has already given this attempt up
            return;
        }
        // Cancelled by the scheduler's StopJob, by the consumer's own cancellation, or (for the kernel) by the shutdown grace.
        var stop = running.Begin(job.JobId, job.Attempt, context.CancellationToken);
        if (stop is null)
        {
            LogStoppedBeforeStart(job.JobId, job.Attempt);
            return;
        }
        try
        {
            if (fault.Kind == FaultKind.Stall) await StallAsync(job, stop.Token);
            else await RunAsync(context, job, stop.Token);
        }
        catch (OperationCanceledException) when (running.WasStopped(job.JobId, job.Attempt)) { LogStopped(job.JobId, job.Attempt); }
        finally { running.Finish(job.JobId, job.Attempt); }
    }

    /// <summary>A stalling node (a fault mode for tests) holds the attempt, saying nothing, until its lease has run out.</summary>
    private async Task StallAsync(ExecuteJob job, CancellationToken ct)
    {
        LogStalling(job.JobId, job.Attempt);
        var left = job.LeaseDeadline - time.GetUtcNow();
        if (left > TimeSpan.Zero) await Task.Delay(left + TimeSpan.FromSeconds(1), time, ct);
    }

    private async Task RunAsync(ConsumeContext<ExecuteJob> context, ExecuteJob job, CancellationToken stopped)
    {
        // Reports carry the job's correlation id, so the scheduler's and billing's events of the job's end share it with its start.
        void Stamp(PublishContext p)
        {
            p.SetJobId(job.JobId);
            p.CorrelationId = context.CorrelationId;
        }

        var publishStamp = Pipe.Execute<PublishContext>(Stamp);
        // The scheduler checked these at submit time; a node checks again with the same rules rather than trust the queue.
        if (KernelCatalog.Validate(job.Kernel, System.Text.Json.JsonDocument.Parse(job.ParametersJson).RootElement) is not { Kernel: { } kernel, Parameters: { } parameters })
        {
            await context.Publish(new JobHandedBack(job.JobId, job.Attempt, job.NodeId, $"this node cannot run kernel '{job.Kernel}' with these parameters", time.GetUtcNow()), publishStamp);
            return;
        }
        var deviceClass = DeviceClasses.ParseOrCpu(job.DeviceClass);
        if (devices.For(deviceClass) is not { } backend)
        {
            await context.Publish(new JobHandedBack(job.JobId, job.Attempt, job.NodeId, $"this node does not offer a {deviceClass.Name()}", time.GetUtcNow()), publishStamp);
            return;
        }

        var fraction = 0.0;
        var startedAt = time.GetUtcNow();
        var started = false;
        var clock = Stopwatch.StartNew();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopped, grace.Expired);
        // The kernel's blocking run goes to the node's kernel threads, never to the thread pool (see KernelThreads).
        var run = threads.Run(() => kernel.Run(parameters, backend, new SyncProgress(f => Volatile.Write(ref fraction, f)), cancel.Token), cancel.Token);
        // A job that ends within its first progress interval reports only its result, which the scheduler takes as
        // the start too: one message and one job-stream write fewer for the many tiny jobs. A longer one reports its
        // start (with the time it really started, extending its lease) at the first tick, then progress each tick.
        while (await Task.WhenAny(run, Task.Delay(ProgressEvery, CancellationToken.None)) != run)
        {
            if (!started)
            {
                await context.Publish(new JobStarted(job.JobId, job.Attempt, job.NodeId, startedAt), publishStamp);
                started = true;
            }
            else await context.Publish(new JobProgressed(job.JobId, job.Attempt, job.NodeId, Volatile.Read(ref fraction), time.GetUtcNow()), publishStamp);
        }

        try
        {
            var result = await run;
            if (fault.Corrupts(Random.Shared.NextDouble()))
            {
                result = FaultMode.Corrupt(result);
                LogCorrupted(job.JobId);
            }
            await context.Publish(new JobResultReported(job.JobId, job.Attempt, job.NodeId, result.Hash, result.SummaryJson, result.Units,
                clock.Elapsed.TotalSeconds, time.GetUtcNow(), deviceClass.Name()), publishStamp);
            LogCompleted(job.JobId, job.Kernel, deviceClass.Name(), clock.Elapsed.TotalMilliseconds, result.Hash);
        }
        catch (OperationCanceledException) when (running.WasStopped(job.JobId, job.Attempt))
        {
            LogStopped(job.JobId, job.Attempt);   // the scheduler no longer holds the attempt: nothing to report
        }
        catch (OperationCanceledException)
        {
            await context.Publish(new JobHandedBack(job.JobId, job.Attempt, job.NodeId, "the node is shutting down", time.GetUtcNow()), publishStamp);
            LogHandedBack(job.JobId, "shutting down");
        }
        catch (Exception ex)
        {
            await context.Publish(new JobHandedBack(job.JobId, job.Attempt, job.NodeId, $"the kernel failed: {ex.GetType().Name}", time.GetUtcNow()), publishStamp);
            LogKernelFailed(ex, job.JobId);
        }
    }

    /// <summary>Progress reported inline on the kernel's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: {Kernel} done on the {DeviceClass} in {Milliseconds:F0} ms, hash {Hash}")]
    private partial void LogCompleted(Guid jobId, string kernel, string deviceClass, double milliseconds, string hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: FAULT MODE stall, holding attempt {Attempt} without a word")]
    private partial void LogStalling(Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: FAULT MODE corrupt, reporting a wrong result")]
    private partial void LogCorrupted(Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} was stopped by the scheduler before it started; skipped")]
    private partial void LogStoppedBeforeStart(Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt}: the kernel was stopped, nothing reported")]
    private partial void LogStopped(Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} arrived after its lease; skipped")]
    private partial void LogStale(Guid jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} handed back: {Reason}")]
    private partial void LogHandedBack(Guid jobId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: the kernel failed")]
    private partial void LogKernelFailed(Exception ex, Guid jobId);
}
