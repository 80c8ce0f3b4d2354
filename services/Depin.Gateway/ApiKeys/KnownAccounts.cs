using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;

namespace Depin.Gateway.ApiKeys;

/// <summary>
/// The gateway owns which accounts exist, so an operator's request about an account id (deposits, balances,
/// ledgers: operator-only routes) is refused here when the id is unknown, instead of reaching billing, which
/// opens money accounts lazily. Other roles go on to be refused by role downstream, learning nothing about ids.
/// </summary>
public static class KnownAccounts
{
    public static IApplicationBuilder UseKnownAccounts(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments is ["api", "accounts", var id, ..] && Guid.TryParse(id, out var accountId) && context.User.IsInRole(Roles.Operator)
            && !await context.RequestServices.GetRequiredService<ApiKeyDirectory>().ExistsAsync(accountId, context.RequestAborted))
        {
            await Problems.NotFound($"account {accountId} does not exist").ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
