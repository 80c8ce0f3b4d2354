using Depin.EventStore;
using Depin.EventStore.Streams;
using Depin.Scheduler.Jobs;
using Depin.Scheduler.Jobs.Placing;
using Depin.Scheduler.Jobs.Querying;
using Depin.Scheduler.Messaging;
using Depin.Scheduler.Nodes;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;

namespace Depin.Scheduler;

public static class SchedulerModule
{
    public static WebApplicationBuilder AddScheduler(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration("Scheduler");
        var store = new EventStoreOptions { Schema = "scheduler" };
        store.ServiceTables.Add(JobsTables.Ddl);
        builder.AddDepinEventStore(store, types => types.RegisterAll<IJobEvent>());
        builder.Services.AddSingleton<IInlineProjection, JobsViewProjection>();
        builder.AddDepinEventRelay<IntegrationEventMap>();
        builder.AddDepinMessaging("scheduler", typeof(SchedulerModule).Assembly);
        builder.Services.AddSingleton<JobCommandRunner>();
        builder.Services.AddSingleton<JobReader>();
        builder.Services.AddSingleton<NodeView>();
        builder.Services.AddSingleton<PlacementSignal>();
        builder.Services.AddHostedService<JobSweeper>();
        return builder;
    }
}
