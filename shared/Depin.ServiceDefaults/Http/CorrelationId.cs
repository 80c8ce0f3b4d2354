using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Depin.ServiceDefaults.Http;

/// <summary>Every request carries a correlation id (X-Correlation-Id, set by the gateway) into logs and appended events.</summary>
public static class CorrelationId
{
    public const string Header = "X-Correlation-Id";
    private const string ItemKey = "depin.correlation-id";

    public static Guid Of(HttpContext context) => context.Items[ItemKey] is Guid id ? id : Guid.Empty;

    internal static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var id = Guid.TryParse(context.Request.Headers[Header], out var given) ? given : Guid.CreateVersion7();
        context.Items[ItemKey] = id;
        context.Response.Headers[Header] = id.ToString();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Depin.Http");
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            await next(context);
    });
}
