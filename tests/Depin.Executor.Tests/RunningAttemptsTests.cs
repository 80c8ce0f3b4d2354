using Depin.Executor.Execution;

namespace Depin.Executor.Tests;

public class RunningAttemptsTests
{
    private static readonly Guid Job = Guid.NewGuid();

    [Fact]
    public void A_stop_cancels_the_running_attempt_and_only_that_one()
    {
        var running = new RunningAttempts(TimeProvider.System);
        var first = running.Begin(Job, 1, CancellationToken.None)!;
        var second = running.Begin(Job, 2, CancellationToken.None)!;
        Assert.Equal(2, running.Count);

        Assert.True(running.Stop(Job, 1));
        Assert.True(first.IsCancellationRequested);
        Assert.False(second.IsCancellationRequested);
        Assert.True(running.WasStopped(Job, 1));
        Assert.False(running.WasStopped(Job, 2));

        running.Finish(Job, 1);
        running.Finish(Job, 2);
        Assert.Equal(0, running.Count);
    }

    [Fact]
    public void A_stop_that_arrives_before_its_job_keeps_the_job_from_starting()
    {
        var running = new RunningAttempts(TimeProvider.System);
        Assert.False(running.Stop(Job, 3));
        Assert.Null(running.Begin(Job, 3, CancellationToken.None));
        Assert.Equal(0, running.Count);
        Assert.NotNull(running.Begin(Job, 4, CancellationToken.None));   // another attempt of the job is not affected
    }

    [Fact]
    public void A_stop_after_the_attempt_finished_changes_nothing_and_is_forgotten_in_time()
    {
        var clock = new Clock { Now = DateTimeOffset.UnixEpoch };
        var running = new RunningAttempts(clock);
        running.Begin(Job, 1, CancellationToken.None);
        running.Finish(Job, 1);
        Assert.False(running.Stop(Job, 1));

        clock.Now += RunningAttempts.Remember + TimeSpan.FromSeconds(1);
        running.Stop(Guid.NewGuid(), 1);   // any later stop sweeps the ones remembered too long
        Assert.False(running.WasStopped(Job, 1));
    }

    [Fact]
    public void The_node_cancelling_the_consumer_cancels_the_attempt_without_calling_it_a_stop()
    {
        var running = new RunningAttempts(TimeProvider.System);
        using var shutdown = new CancellationTokenSource();
        var attempt = running.Begin(Job, 1, shutdown.Token)!;
        shutdown.Cancel();
        Assert.True(attempt.IsCancellationRequested);
        Assert.False(running.WasStopped(Job, 1));   // so the executor hands it back rather than dropping it
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
