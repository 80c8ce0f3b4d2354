using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace Depin.ServiceDefaults.Logging;

internal static class SerilogSetup
{
    // Properties such as {JobId} and {CorrelationId} come from logging scopes and print at the end of each line.
    private const string Template =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Service} {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static void Configure(WebApplicationBuilder builder, string serviceName)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
            .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
            .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName)
            .WriteTo.Console(outputTemplate: Template, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        builder.Logging.ClearProviders().AddSerilog(logger, dispose: true);
    }
}
