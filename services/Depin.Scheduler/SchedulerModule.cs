using Depin.EventSourcing.Streams;
using Depin.Scheduler.Analytics;
using Depin.Scheduler.Anomalies;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Paying;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Jobs.Probing;
using Depin.Scheduler.Jobs.Querying;
using Depin.Scheduler.Jobs.Submitting;
using Depin.Scheduler.Messaging;
using Depin.Scheduler.Nodes;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Options;
using Depin.Scheduler.Jobs.Verifying;

namespace Depin.Scheduler;

public static class SchedulerModule
{
    public const string Name = "scheduler";
    public const string Schema = "scheduler";

    /// <summary>Stored event names: never change one (a test pins them).</summary>
    public static readonly EventNames Events = new EventNames()
        .Add<JobSubmitted>("job_submitted")
        .Add<JobFunded>("job_funded")
        .Add<JobAssigned>("job_assigned")
        .Add<JobWaiting>("job_waiting")
        .Add<JobStarted>("job_started")
        .Add<JobProgressed>("job_progressed")
        .Add<JobAttemptLost>("job_attempt_lost")
        .Add<JobCompleted>("job_completed")
        .Add<JobFailed>("job_failed")
        .Add<JobCancelled>("job_cancelled")
        .Add<JobReplicationChosen>("job_replication_chosen")
        .Add<JobReplicaReported>("job_replica_reported")
        .Add<JobResultRejected>("job_result_rejected")
        .Add<JobLateResultRecorded>("job_late_result_recorded")
        .Add<JobAttemptWithdrawn>("job_attempt_withdrawn")
        .AssertCovers<IJobEvent>();

    public static WebApplicationBuilder AddScheduler(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration("Scheduler")
            .Validate(o => Uri.TryCreate(o.BillingUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
                "Scheduler:BillingUrl must be billing's own http(s) address (a job's money is asked of billing when the job is shown)")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SchedulerOptions>, VerificationOptionsValidator>();
        builder.AddDepinEventStore(Schema, Events, ConfigureStore, typeof(IntegrationEventMap));
        builder.AddDepinMessaging(Name, typeof(SchedulerModule).Assembly);
        builder.Services.AddSingleton<JobCommandRunner>();
        builder.Services.AddSingleton<Submissions>();
        builder.Services.AddSingleton<PlacementSignal>();
        builder.Services.AddHostedService<JobSweeper>();
        builder.Services.AddSingleton<Prober>();
        builder.Services.AddHostedService<ProbeSweeper>();
        builder.Services.AddHttpClient<ErrorQueues>(c => c.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddHttpClient<BillingLedger>((services, c) =>
        {
            c.BaseAddress = new Uri(services.GetRequiredService<IOptions<SchedulerOptions>>().Value.BillingUrl);
            c.Timeout = TimeSpan.FromSeconds(5);
        });
        builder.AddAnalyticsProjections(Schema, Events, ConfigureAnalytics, JobTimelineProjection.ProjectionName, NodeReliabilityProjection.ProjectionName);
        return builder;
    }

    /// <summary>The service's projections and documents (the consumer harness tests build their store with it too).</summary>
    public static void ConfigureStore(StoreOptions o)
    {
        o.Projections.Add(new DeciderProjection<Job, IJobCommand, IJobEvent>(JobDecider.Decider), ProjectionLifecycle.Live);
        o.Projections.Add(new JobRecordProjection(), ProjectionLifecycle.Inline);
        o.Schema.For<JobRecord>().Duplicate(j => j.Status).Duplicate(j => j.ClientAccountId).Duplicate(j => j.SubmittedAt)
            .Duplicate(j => j.DueAt).Duplicate(j => j.LoadsNode, configure: index => index.Predicate = "loads_node is not null");
        AnalyticsDocuments(o);
        o.Schema.For<PlacementNode>().UseOptimisticConcurrency(true);
        o.Schema.For<ProbeSweepClaim>().UseOptimisticConcurrency(true);
    }

    /// <summary>The analytics daemon's store: its projections (async) and their documents.</summary>
    public static void ConfigureAnalytics(StoreOptions o)
    {
        AnalyticsDocuments(o);
        o.Projections.Add(new JobTimelineProjection(), ProjectionLifecycle.Async);
        o.Projections.Add(new NodeReliabilityProjection(), ProjectionLifecycle.Async);
    }

    /// <summary>
    /// The analytics documents, mapped identically in both stores (numeric revisions, as Marten gives projected aggregates):
    /// the service's own store creates their tables and reads them; a mapping that differed made a restart try to alter them.
    /// </summary>
    private static void AnalyticsDocuments(StoreOptions o)
    {
        o.Schema.For<JobTimeline>().UseNumericRevisions(true).Duplicate(t => t.Kernel).Duplicate(t => t.Status).Duplicate(t => t.SubmittedAt).Duplicate(t => t.EndedAt)
            .Duplicate(t => t.WaitMs).Duplicate(t => t.RunMs);
        o.Schema.For<NodeReliability>().UseNumericRevisions(true).Duplicate(n => n.LastAssignedAt);
    }
}
