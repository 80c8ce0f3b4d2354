using System.Security.Claims;

namespace Depin.ServiceDefaults.Security;

public static class PrincipalExtensions
{
    public static Guid AccountId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The request has no authenticated account.");

    public static string Role(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Role) ?? "";
}
