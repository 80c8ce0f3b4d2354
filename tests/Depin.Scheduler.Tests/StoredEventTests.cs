using Depin.Scheduler.Jobs;

namespace Depin.Scheduler.Tests;

public class StoredEventTests
{
    [Fact]
    public void Stored_event_names_are_pinned() =>
        StoredEvents.AssertPinned(SchedulerModule.Events,
            (typeof(JobSubmitted), "job_submitted"), (typeof(JobFunded), "job_funded"), (typeof(JobAssigned), "job_assigned"), (typeof(JobWaiting), "job_waiting"),
            (typeof(JobStarted), "job_started"), (typeof(JobProgressed), "job_progressed"), (typeof(JobAttemptLost), "job_attempt_lost"),
            (typeof(JobCompleted), "job_completed"), (typeof(JobFailed), "job_failed"), (typeof(JobCancelled), "job_cancelled"),
            (typeof(JobReplicationChosen), "job_replication_chosen"), (typeof(JobReplicaReported), "job_replica_reported"),
            (typeof(JobResultRejected), "job_result_rejected"), (typeof(JobLateResultRecorded), "job_late_result_recorded"),
            (typeof(JobAttemptWithdrawn), "job_attempt_withdrawn"));

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

    [Fact]
    public async Task An_assignment_stored_before_device_classes_reads_as_one_on_the_cpu()
    {
        var read = await StoredEvents.ReadAsStoredAsync(SchedulerModule.Events, "job_assigned", """
            {"attempt":1,"nodeId":"0b6c1a52-9d7e-4d0e-8a6e-1f2d3c4b5a69","providerAccountId":"5f0e8c1d-2b3a-4c5d-8e9f-0a1b2c3d4e5f","pricePerUnit":5,
             "leaseUntil":"2026-01-02T03:04:05+00:00","kernel":"matmul","parametersJson":"{\"n\":64}","estimatedUnits":100,"at":"2026-01-02T03:00:00+00:00"}
            """);
        var assigned = Assert.IsType<JobAssigned>(read);
        Assert.Equal((5L, "matmul", (Depin.Compute.Backends.DeviceClass?)null), (assigned.PricePerUnit, assigned.Kernel, assigned.DeviceClass));
        var job = JobDecider.Decider.Fold([new JobSubmitted(Guid.NewGuid(), Guid.NewGuid(), "matmul", "{}", 10, 100, 1000, DateTimeOffset.MaxValue, 1, null, DateTimeOffset.UnixEpoch),
            new JobFunded(1000, DateTimeOffset.UnixEpoch), assigned]);
        Assert.Equal((Depin.Compute.Backends.DeviceClass.Cpu, DeviceRequest.Any), (Assert.Single(job.InFlight).DeviceClass, job.Device));
    }
}
