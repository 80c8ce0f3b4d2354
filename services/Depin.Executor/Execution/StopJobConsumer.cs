using Depin.Contracts.Scheduler;
using MassTransit;

namespace Depin.Executor.Execution;

/// <summary>
/// Reads this node's control queue: the scheduler no longer holds an attempt (cancelled, failed, its quorum reached without
/// it, or its lease ran out), so the kernel is cancelled and the slot freed. The attempt reports nothing more.
/// </summary>
public sealed partial class StopJobConsumer(RunningAttempts running, ILogger<StopJobConsumer> logger) : IConsumer<StopJob>
{
    public Task Consume(ConsumeContext<StopJob> context)
    {
        var stop = context.Message;
        if (running.Stop(stop.JobId, stop.Attempt)) LogStopped(stop.JobId, stop.Attempt, stop.Reason);
        else LogNotRunning(stop.JobId, stop.Attempt, stop.Reason);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} stopped: {Reason}")]
    private partial void LogStopped(Guid jobId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} attempt {Attempt} is not running here; it will not start ({Reason})")]
    private partial void LogNotRunning(Guid jobId, int attempt, string reason);
}
