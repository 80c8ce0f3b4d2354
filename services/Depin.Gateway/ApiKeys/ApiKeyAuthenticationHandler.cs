using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Depin.Gateway.ApiKeys;

/// <summary>Authorization: Bearer &lt;api key&gt;. Failures are problem details; the key never reaches a log.</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyDirectory keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 200)
            return AuthenticateResult.Fail("expected 'Authorization: Bearer <api key>'");
        if (await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted) is not { } principal)
            return AuthenticateResult.Fail("unknown API key");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, principal.AccountId.ToString()), new Claim(ClaimTypes.Role, principal.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
            failure is null ? "An API key is required: 'Authorization: Bearer <api key>'." : $"Authentication failed: {failure}.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "Your role may not do this.");

    private Task Problem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(Context);
    }
}
