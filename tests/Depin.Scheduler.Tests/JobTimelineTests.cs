using Depin.Scheduler.Analytics;
using Depin.Scheduler.Jobs;
using JasperFx.Events;

namespace Depin.Scheduler.Tests;

/// <summary>The analytics timeline folds a job's events; Marten's tombstones (gap fillers on its own stream) are no job's.</summary>
public sealed class JobTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static IEvent Stored<T>(T data) where T : notnull => new Event<T>(data) { Id = Guid.NewGuid() };

    [Fact]
    public void A_tombstone_makes_no_timeline_and_leaves_one_as_it_was()
    {
        var projection = new JobTimelineProjection();
        Assert.Null(projection.Evolve(null, "mt_tombstone", Stored(new Tombstone())));

        var jobId = Guid.NewGuid();
        var submitted = projection.Evolve(null, JobDecider.StreamId(jobId),
            Stored(new JobSubmitted(jobId, Guid.NewGuid(), "matmul", "{}", 10, 1, 10, T0.AddHours(1), 1, null, T0)));
        Assert.Same(submitted, projection.Evolve(submitted, JobDecider.StreamId(jobId), Stored(new Tombstone())));
        Assert.Equal((T0, "matmul"), (submitted!.SubmittedAt, submitted.Kernel));
    }
}
