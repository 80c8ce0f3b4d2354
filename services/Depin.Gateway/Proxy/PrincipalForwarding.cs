using System.Security.Claims;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Depin.Gateway.Proxy;

/// <summary>
/// Replaces whatever principal headers a caller sent with the verified caller, signed with the
/// internal key, and passes the correlation id on.
/// </summary>
public static class PrincipalForwarding
{
    public static void Add(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        var http = transform.HttpContext;
        var headers = transform.ProxyRequest.Headers;
        foreach (var name in GatewaySignature.Headers) headers.Remove(name);
        headers.Remove(CorrelationId.Header);
        headers.Remove("Authorization");   // the API key stays at the edge
        headers.TryAddWithoutValidation(CorrelationId.Header, CorrelationId.Of(http).ToString());

        if (http.User.Identity?.IsAuthenticated == true && Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var account))
        {
            var key = http.RequestServices.GetRequiredService<IOptions<InternalAuthOptions>>().Value.SigningKey;
            var issued = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();
            var pathAndQuery = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
            GatewaySignature.Apply(headers, key, account, http.User.Role(), issued, http.Request.Method, pathAndQuery);
        }
        return ValueTask.CompletedTask;
    });
}
