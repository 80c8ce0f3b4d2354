using Depin.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Depin.ServiceDefaults.Security;

/// <summary>
/// A request one service makes to another while serving a caller, signed as that caller (as the gateway would have
/// signed it): the other service grants exactly what the caller may do there. No service holds an identity of its
/// own that could see more than the person asking. The caller's correlation id travels with it.
/// </summary>
public sealed class OnBehalfOf(IOptions<InternalAuthOptions> auth, TimeProvider time)
{
    public HttpRequestMessage Request(HttpContext caller, HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        GatewaySignature.Apply(request.Headers, auth.Value.SigningKey, caller.User.AccountId(), caller.User.Role(),
            time.GetUtcNow().ToUnixTimeMilliseconds(), method.Method, url.PathAndQuery);
        request.Headers.TryAddWithoutValidation(CorrelationId.Header, CorrelationId.Of(caller).ToString());
        return request;
    }
}
