using Depin.EventStore;
using Depin.EventStore.Streams;
using Depin.NodeRegistry.Messaging;
using Depin.NodeRegistry.Nodes;
using Depin.NodeRegistry.Nodes.Liveness;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;

namespace Depin.NodeRegistry;

public static class NodeRegistryModule
{
    public static WebApplicationBuilder AddNodeRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistryOptions>().BindConfiguration("Registry");
        var store = new EventStoreOptions { Schema = "registry" };
        store.ServiceTables.Add(NodesTables.Ddl);
        builder.AddDepinEventStore(store, types => types.RegisterAll<INodeEvent>());
        builder.Services.AddSingleton<IInlineProjection, NodesViewProjection>();
        builder.AddDepinEventRelay<IntegrationEventMap>();
        builder.AddDepinMessaging("registry", typeof(NodeRegistryModule).Assembly);
        builder.Services.AddSingleton<NodeCommandRunner>();
        builder.Services.AddHostedService<LivenessSweeper>();
        return builder;
    }
}
