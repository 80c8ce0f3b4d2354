using System.Text.Json;
using System.Text.Json.Serialization;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Logging;
using Depin.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Depin.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    public const long MaxRequestBodyBytes = 256 * 1024;

    /// <summary>Logging, problem details, JSON, the gateway-signed principal, role policies and health: one call per service.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        SerilogSetup.Configure(builder, serviceName);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(40));
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));

        builder.Services.AddOptions<InternalAuthOptions>().BindConfiguration("Internal")
            .Validate(o => o.SigningKey.Length >= 32, "Internal:SigningKey must be set (at least 32 characters); the gateway and the services share it.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<OnBehalfOf>();
        builder.Services.AddAuthentication(GatewayPrincipalHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, GatewayPrincipalHandler>(GatewayPrincipalHandler.SchemeName, null);
        var policies = builder.Services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
            policies.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(role));
        policies.AddPolicy(Roles.HistoryReaders, p => p.RequireAuthenticatedUser().RequireRole(Roles.Analyst, Roles.Operator));

        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>The middleware every service runs, and /health/live and /health/ready.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCorrelationId();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") }).AllowAnonymous();
        return app;
    }
}
