using Depin.EventSourcing.Streams;
using Depin.NodeRegistry.Messaging;
using Depin.NodeRegistry.Nodes;
using Depin.NodeRegistry.Nodes.Liveness;
using Depin.NodeRegistry.Nodes.Querying;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;
using JasperFx.Events.Projections;

namespace Depin.NodeRegistry;

public static class NodeRegistryModule
{
    public const string Name = "registry";
    public const string Schema = "registry";

    /// <summary>Stored event names: never change one (a test pins them).</summary>
    public static readonly EventNames Events = new EventNames()
        .Add<NodeRegistered>("node_registered")
        .Add<NodeUpdated>("node_updated")
        .Add<NodeWentOffline>("node_went_offline")
        .Add<NodeCameOnline>("node_came_online")
        .Add<NodeDrained>("node_drained")
        .Add<NodeVerdictRecorded>("node_verdict_recorded")
        .Add<NodeSuspended>("node_suspended")
        .Add<NodeStakeRecorded>("node_stake_recorded")
        .Add<NodeReinstated>("node_reinstated")
        .AssertCovers<INodeEvent>()
        .Upcast<NodeRegistered>(RegistrationUpcast.ToCurrent)
        .Upcast<NodeUpdated>(RegistrationUpcast.ToCurrent);

    public static WebApplicationBuilder AddNodeRegistry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistryOptions>().BindConfiguration("Registry");
        builder.AddDepinEventStore(Schema, Events, o =>
        {
            o.Projections.Add(new DeciderProjection<Node, INodeCommand, INodeEvent>(NodeDecider.Decider), ProjectionLifecycle.Live);
            o.Projections.Add(new NodeRecordProjection(), ProjectionLifecycle.Inline);
            o.Schema.For<NodeRecord>().Duplicate(n => n.ProviderAccountId).Duplicate(n => n.Name);
            o.Schema.For<NodeBeat>();
        }, typeof(IntegrationEventMap));
        builder.AddDepinMessaging(Name, typeof(NodeRegistryModule).Assembly);
        builder.Services.AddSingleton<NodeCommandRunner>();
        builder.Services.AddHostedService<LivenessSweeper>();
        return builder;
    }
}
