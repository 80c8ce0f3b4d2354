using Depin.Scheduler.Jobs;

namespace Depin.Scheduler.Tests;

public class StoredEventTests
{
    [Fact]
    public void Stored_event_names_are_pinned() =>
        StoredEvents.AssertPinned(SchedulerModule.Events,
            (typeof(JobSubmitted), "job_submitted"), (typeof(JobFunded), "job_funded"), (typeof(JobAssigned), "job_assigned"),
            (typeof(JobStarted), "job_started"), (typeof(JobProgressed), "job_progressed"), (typeof(JobAttemptLost), "job_attempt_lost"),
            (typeof(JobCompleted), "job_completed"), (typeof(JobFailed), "job_failed"), (typeof(JobCancelled), "job_cancelled"));

    [Fact]
    public async Task A_job_submitted_stored_by_an_older_build_reads_into_todays_type()
    {
        // No replication or region (added later), a field since dropped, and a CLR type name that no longer exists.
        var read = await StoredEvents.ReadAsStoredAsync(SchedulerModule.Events, "job_submitted", """
            {"jobId":"0b6c1a52-9d7e-4d0e-8a6e-1f2d3c4b5a69","clientAccountId":"5f0e8c1d-2b3a-4c5d-8e9f-0a1b2c3d4e5f","kernel":"matmul",
             "parametersJson":"{\"n\":64}","maxPricePerUnit":10,"estimatedUnits":524288,"maxCost":5242880,
             "deadline":"2026-01-02T03:04:05+00:00","priority":"normal","at":"2026-01-02T03:00:00+00:00"}
            """);
        var submitted = Assert.IsType<JobSubmitted>(read);
        Assert.Equal(new JobSubmitted(Guid.Parse("0b6c1a52-9d7e-4d0e-8a6e-1f2d3c4b5a69"), Guid.Parse("5f0e8c1d-2b3a-4c5d-8e9f-0a1b2c3d4e5f"), "matmul",
            """{"n":64}""", 10, 524288, 5242880, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), 0, null,
            new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero)), submitted);
    }
}
