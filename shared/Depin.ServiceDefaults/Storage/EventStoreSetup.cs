using Depin.EventSourcing.Chain;
using Depin.EventSourcing.Inbox;
using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Analytics;
using Depin.ServiceDefaults.EventLog;
using Depin.ServiceDefaults.Health;
using Depin.ServiceDefaults.Messaging;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;

namespace Depin.ServiceDefaults.Storage;

public static class EventStoreSetup
{
    /// <summary>
    /// Marten on ConnectionStrings:postgres in the service's own schema: stable event names, Quick appends with
    /// the version check taken under the stream's row lock (a losing writer fails before it takes a sequence
    /// number, so no gap stalls the daemon), the consumers' inbox, readiness, the event log for analysts with its hash chain, and the daemon in Solo mode
    /// running the log-as-outbox relay when the service has an integration map.
    /// </summary>
    public static WebApplicationBuilder AddDepinEventStore(
        this WebApplicationBuilder builder, string schema, EventNames names, Action<StoreOptions> configure, Type? integrationMap = null)
    {
        var (postgres, options) = Settings(builder);
        builder.Services.AddOptions<EventStoreOptions>().BindConfiguration("EventStore");
        var publishOnCommit = integrationMap is not null && options.PublishOnCommit;
        var onCommit = new PublishOnCommit();

        var marten = builder.Services.AddMarten(o =>
        {
            // Publishing on commit replaces waking the daemon on commit: the relay then only catches up what was not confirmed.
            ApplyConventions(o, postgres, schema, names, options, wakeOnCommit: !publishOnCommit);
            if (publishOnCommit) o.Listeners.Add(onCommit);
            configure(o);
        })
        .UseLightweightSessions()
        .ApplyAllDatabaseChangesOnStartup()
        .AddAsyncDaemon(options.RunDaemon ? DaemonMode.Solo : DaemonMode.Disabled);

        if (integrationMap is not null)
        {
            builder.Services.AddSingleton(typeof(IIntegrationEventMap), integrationMap);
            builder.Services.AddSingleton(onCommit);
            builder.Services.AddSingleton<PublishedOnCommit>();
            marten.AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton, s =>
            {
                s.Options.BatchSize = options.RelayBatchSize;
            });
        }

        builder.Services.AddSingleton<InboxHandler>();
        builder.Services.AddSingleton(sp => new EventLogSource(sp.GetRequiredService<IDocumentStore>(), names, schema));
        // The chain follows the daemon's high-water mark, so it is written where the daemon runs.
        if (options.RunDaemon) builder.Services.AddHostedService<EventChainWriter>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Analytics projections, each rebuildable from 0 through /api/analytics/projections. They run in a daemon of
    /// their own, on a second Marten store over the same schema and log, that polls every
    /// EventStore:AnalyticsPollingMilliseconds instead of waking on every commit: sharing the relay's daemon, whose
    /// 10 ms polling and commit wake-ups every job's hops wait on, they took a page (and a transaction) per commit and
    /// cost a quarter of the burst throughput (bench.sh e2e, 226 → 172 jobs/s). Their documents are also registered
    /// in the service's own store, which creates the tables and answers the queries.
    /// </summary>
    public static WebApplicationBuilder AddAnalyticsProjections(this WebApplicationBuilder builder, string schema, EventNames names,
        Action<StoreOptions> configure, params string[] projectionNames)
    {
        var (postgres, options) = Settings(builder);
        builder.Services.AddMartenStore<IAnalyticsStore>(o =>
        {
            ApplyConventions(o, postgres, schema, names, options, wakeOnCommit: false);
            o.Projections.FastPollingTime = TimeSpan.FromMilliseconds(options.AnalyticsPollingMilliseconds);
            o.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(2 * options.AnalyticsPollingMilliseconds);
            configure(o);
            // The service's own store owns the schema (it maps the same documents): this one never changes it.
            o.AutoCreateSchemaObjects = AutoCreate.None;
        })
        .AddAsyncDaemon(options.RunDaemon ? DaemonMode.Solo : DaemonMode.Disabled);
        builder.Services.AddSingleton(new AnalyticsProjections(projectionNames.ToHashSet(StringComparer.Ordinal)));
        builder.Services.AddSingleton<ProjectionRebuilds>();
        return builder;
    }

    /// <summary>The connection string and EventStore section both stores of a service are built from.</summary>
    private static (string Postgres, EventStoreOptions Options) Settings(WebApplicationBuilder builder) =>
        (builder.Configuration.GetConnectionString("postgres") ?? throw new InvalidOperationException("ConnectionStrings:postgres is not set."),
         builder.Configuration.GetSection("EventStore").Get<EventStoreOptions>() ?? new EventStoreOptions());

    /// <summary>
    /// The storage conventions every service shares, apart from its projections and documents: tests that read
    /// stored events the way a service does build their store with this too.
    /// </summary>
    public static void ApplyConventions(StoreOptions o, string connection, string schema, EventNames names, EventStoreOptions options, bool wakeOnCommit = true)
    {
        o.Connection(TunedConnectionString(connection));
        o.DatabaseSchemaName = schema;
        o.Events.DatabaseSchemaName = schema;
        o.Events.StreamIdentity = StreamIdentity.AsString;
        o.Events.AppendMode = EventAppendMode.Quick;
        o.Events.UseExclusiveLockOnConcurrentAppends = true;
        o.Events.MetadataConfig.CorrelationIdEnabled = true;
        o.Events.MetadataConfig.CausationIdEnabled = true;
        o.Events.UseListenNotifyForEventAppends = options.ListenNotify;
        var serializer = new BufferedJsonSerializer(EnumStorage.AsString, Casing.CamelCase);
        serializer.Configure(json => { foreach (var upcaster in names.Upcasters) json.Converters.Add(upcaster); });
        o.Serializer(serializer);
        foreach (var (type, name) in names.ByType) o.Events.MapEventType(type, name);
        o.Schema.For<ProcessedMessage>();
        o.Storage.ExtendedSchemaObjects.Add(EventChain.Table(schema));
        if (!options.ListenNotify && wakeOnCommit)
        {
            var wakeup = new CommitWakeup();
            o.Listeners.Add(wakeup);
            o.Projections.Wakeup = wakeup;
        }
        o.Projections.FastPollingTime = TimeSpan.FromMilliseconds(options.PollingMilliseconds);
        o.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(Math.Max(options.PollingMilliseconds, options.IdlePollingMilliseconds));
        // Never skip an event: an event the relay cannot publish is retried, not dropped.
        o.Projections.Errors.SkipApplyErrors = false;
        o.Projections.Errors.SkipSerializationErrors = false;
        o.Projections.Errors.SkipUnknownEvents = false;
        o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
    }

    /// <summary>
    /// Every session and every daemon poll borrows a pooled connection, so what a borrow costs is paid thousands
    /// of times a second. No service keeps state on a connection (no temporary tables, settings or session
    /// locks), so skip the DISCARD ALL on return, which was 40% of all statements and threw away prepared
    /// statements; and let Npgsql prepare the statements Marten repeats so PostgreSQL plans them once.
    /// </summary>
    public static string TunedConnectionString(string connection) =>
        new NpgsqlConnectionStringBuilder(connection) { NoResetOnClose = true, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
}
