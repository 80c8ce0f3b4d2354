using Depin.ServiceDefaults.Analytics;
using Depin.ServiceDefaults.Http;
using Depin.ServiceDefaults.Security;
using Marten;

namespace Depin.Billing.Analytics;

/// <summary>
/// GET /api/analytics/providers and /api/analytics/clients (?from=&amp;to= days, ?account=): money per account and
/// UTC day from the async projections, as far as the daemon has got (see /api/analytics/projections/{name}).
/// </summary>
public static class MoneyAnalyticsApi
{
    public static WebApplication MapMoneyAnalytics(this WebApplication app)
    {
        var analytics = app.MapGroup("/api/analytics").RequireAuthorization(Roles.HistoryReaders);
        analytics.MapGet("/providers", async (HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            var (window, error) = AnalyticsWindow.Parse(http.Request.Query);
            if (window is null) return Problems.BadRequest(error!);
            var (from, last) = (window.FromDay, window.LastDay);
            var query = session.Query<ProviderDay>().Where(d => d.Day >= from && d.Day <= last);
            if (window.Account is { } account) query = query.Where(d => d.ProviderAccountId == account);
            return Results.Ok(await query.OrderBy(d => d.Day).ThenBy(d => d.ProviderAccountId).Take(window.Limit).ToListAsync(ct));
        });
        analytics.MapGet("/clients", async (HttpContext http, IQuerySession session, CancellationToken ct) =>
        {
            var (window, error) = AnalyticsWindow.Parse(http.Request.Query);
            if (window is null) return Problems.BadRequest(error!);
            var (from, last) = (window.FromDay, window.LastDay);
            var query = session.Query<ClientDay>().Where(d => d.Day >= from && d.Day <= last);
            if (window.Account is { } account) query = query.Where(d => d.ClientAccountId == account);
            return Results.Ok(await query.OrderBy(d => d.Day).ThenBy(d => d.ClientAccountId).Take(window.Limit).ToListAsync(ct));
        });
        return app;
    }
}
