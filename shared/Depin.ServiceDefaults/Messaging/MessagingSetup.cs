using System.Reflection;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Depin.ServiceDefaults.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// MassTransit on RabbitMQ (ConnectionStrings:rabbitmq, an amqp:// URI): consumers of the given
    /// assembly, kebab-case queues prefixed with the service name, retries, log scopes.
    /// </summary>
    public static WebApplicationBuilder AddDepinMessaging(
        this WebApplicationBuilder builder, string serviceName, Assembly? consumers, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var rabbit = builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not set (an amqp:// URI).");
        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            if (consumers is not null)
            {
                var batched = x.AddInboxBatchConsumers(consumers);
                x.AddConsumers(t => !batched.Contains(t), consumers);
            }
            configure?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(rabbit));
                cfg.UseMessageRetry(r => r.Intervals(50, 100, 250, 500, 1000, 2000, 4000));
                cfg.UseConsumeFilter(typeof(LogScopeFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }
}
