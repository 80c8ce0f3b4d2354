using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Depin.Gateway.Proxy;

/// <summary>Body size and request rate, enforced before anything is forwarded.</summary>
public static class EdgeLimits
{
    public static IServiceCollection AddEdgeRateLimits(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (context, _) => new ValueTask(Results.Problem("Too many requests for this API key; slow down and retry.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limited").ExecuteAsync(context.HttpContext));
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var limit = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RequestsPerSecond;
            var partition = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit, Window = TimeSpan.FromSeconds(1), QueueLimit = 0,
            });
        });
    });

    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var max = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await Results.Problem($"The request body is {context.Request.ContentLength} bytes; the limit is {max}.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large").ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
        await next(context);
    });
}
