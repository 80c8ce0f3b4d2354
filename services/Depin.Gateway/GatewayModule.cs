using Depin.EventStore;
using Depin.EventStore.Streams;
using Depin.Gateway.ApiKeys;
using Depin.Gateway.Proxy;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;
using Microsoft.AspNetCore.Authentication;

namespace Depin.Gateway;

public static class GatewayModule
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration("Gateway");
        var store = new EventStoreOptions { Schema = "gateway" };
        store.ServiceTables.Add(ApiKeysTables.Ddl);
        builder.AddDepinEventStore(store, types => types.RegisterAll<IApiAccountEvent>());
        builder.Services.AddSingleton<IInlineProjection, ApiKeysProjection>();
        builder.AddDepinEventRelay<IntegrationEventMap>();
        builder.AddDepinMessaging("gateway", typeof(GatewayModule).Assembly);
        builder.Services.AddHostedService<OperatorBootstrap>();

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyDirectory>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddEdgeRateLimits();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(PrincipalForwarding.Add);
        return builder;
    }
}
