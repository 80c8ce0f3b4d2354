using Depin.EventStore.Relay;
using Depin.EventStore.Schema;
using Depin.EventStore.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Depin.EventStore;

public static class EventStoreRegistration
{
    /// <summary>
    /// Registers the store on its own data source whose search path is the service's schema, the
    /// schema migration (run before other hosted services start) and the event types.
    /// The relay is added separately, with the service's publisher.
    /// </summary>
    public static IServiceCollection AddEventStore(
        this IServiceCollection services, string connectionString, EventStoreOptions options, Action<EventTypeRegistry> registerTypes)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = SchemaMigrator.Validate(options.Schema) };
        var types = new EventTypeRegistry();
        registerTypes(types);
        services.AddSingleton(options);
        services.AddSingleton(types);
        services.AddSingleton(NpgsqlDataSource.Create(builder.ConnectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EventStore>();
        services.AddSingleton<CheckpointStore>();
        services.AddHostedService<SchemaMigration>();
        return services;
    }

    public static IServiceCollection AddEventRelay<TPublisher>(this IServiceCollection services) where TPublisher : class, IEventPublisher
    {
        services.AddSingleton<IEventPublisher, TPublisher>();
        services.AddHostedService<EventRelay>();
        return services;
    }

    private sealed class SchemaMigration(NpgsqlDataSource dataSource, EventStoreOptions options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            // The database may still be starting when the service does (compose, dev scripts): wait for it.
            for (var attempt = 1; ; attempt++)
            {
                try { await SchemaMigrator.MigrateAsync(dataSource, options, cancellationToken); return; }
                catch (NpgsqlException) when (attempt < 30) { await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
