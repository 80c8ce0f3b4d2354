using Depin.EventSourcing.Streams;
using Depin.Gateway.ApiKeys;
using Depin.Gateway.Proxy;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;
using JasperFx.Events.Projections;
using Microsoft.AspNetCore.Authentication;

namespace Depin.Gateway;

public static class GatewayModule
{
    public const string Name = "gateway";
    public const string Schema = "gateway";

    /// <summary>Stored event names: never change one (a test pins them).</summary>
    public static readonly EventNames Events = new EventNames()
        .Add<ApiAccountOpened>("api_account_opened")
        .Add<ApiKeyRotated>("api_key_rotated")
        .Add<ApiKeyRevoked>("api_key_revoked")
        .AssertCovers<IApiAccountEvent>();

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration("Gateway");
        builder.AddDepinEventStore(Schema, Events, o =>
        {
            o.Projections.Add(new ApiAccountProjection(), ProjectionLifecycle.Inline);
            o.Schema.For<ApiAccount>().Duplicate(a => a.KeyHash, configure: i => i.IsUnique = true);
        }, typeof(IntegrationEventMap));
        builder.AddDepinMessaging(Name, typeof(GatewayModule).Assembly);
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

    /// <summary>The logs the gateway's routes reach: the "events-{log}" routes of ReverseProxy:Routes (a new service's log appears with its route).</summary>
    public static IEnumerable<string> ProxiedEventLogs(IConfiguration configuration) =>
        configuration.GetSection("ReverseProxy:Routes").GetChildren()
            .Where(r => r.Key.StartsWith("events-", StringComparison.Ordinal)).Select(r => r.Key["events-".Length..]);
}
