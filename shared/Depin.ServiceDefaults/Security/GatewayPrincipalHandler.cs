using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Depin.ServiceDefaults.Security;

/// <summary>Authenticates requests forwarded by the gateway from its signed headers.</summary>
public sealed class GatewayPrincipalHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<InternalAuthOptions> internalAuth, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Gateway";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        if (!headers.ContainsKey(GatewaySignature.SignatureHeader))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!Guid.TryParse(headers[GatewaySignature.AccountHeader], out var account)
            || headers[GatewaySignature.RoleHeader].ToString() is not { Length: > 0 } role
            || !long.TryParse(headers[GatewaySignature.IssuedHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var issued))
            return Task.FromResult(AuthenticateResult.Fail("malformed gateway principal"));

        var skew = Math.Abs(time.GetUtcNow().ToUnixTimeMilliseconds() - issued);
        var key = internalAuth.Value.SigningKey;
        var pathAndQuery = Request.PathBase + Request.Path + Request.QueryString;
        if (skew > internalAuth.Value.MaxSkewSeconds * 1000L
            || !GatewaySignature.Verify(key, account, role, issued, Request.Method, pathAndQuery, headers[GatewaySignature.SignatureHeader].ToString()))
            return Task.FromResult(AuthenticateResult.Fail("invalid gateway signature"));

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.ToString()), new Claim(ClaimTypes.Role, role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Requests must come through the gateway with a valid API key.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "Your role may not do this.");

    private Task Problem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(Context);
    }
}
