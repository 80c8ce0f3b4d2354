using Depin.EventStore;
using Depin.EventStore.Streams;
using Depin.ServiceDefaults.Health;
using Depin.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Depin.ServiceDefaults.Storage;

public static class EventStoreSetup
{
    /// <summary>The service's event store in its own schema of ConnectionStrings:postgres, with readiness and the consumers' inbox.</summary>
    public static WebApplicationBuilder AddDepinEventStore(this WebApplicationBuilder builder, EventStoreOptions options, Action<EventTypeRegistry> types)
    {
        var postgres = builder.Configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:postgres is not set.");
        builder.Services.AddEventStore(postgres, options, types);
        builder.Services.AddSingleton<InboxHandler>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        return builder;
    }

    /// <summary>The log-as-outbox relay, publishing what the service's map makes of each stored event.</summary>
    public static WebApplicationBuilder AddDepinEventRelay<TMap>(this WebApplicationBuilder builder) where TMap : class, IIntegrationEventMap
    {
        builder.Services.AddSingleton<IIntegrationEventMap, TMap>();
        builder.Services.AddEventRelay<BusEventPublisher>();
        return builder;
    }
}
