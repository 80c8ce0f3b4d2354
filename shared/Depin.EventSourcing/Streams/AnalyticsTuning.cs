using JasperFx.Events.Projections;

namespace Depin.EventSourcing.Streams;

/// <summary>
/// How the daemon runs an analytics projection. Their documents are few and hot (a provider's day, a node), so
/// bigger pages, a cache of the documents across pages and, in a rebuild, one write per document per flush
/// instead of one per page, are what make a rebuild over a million events take seconds rather than minutes.
/// </summary>
public static class AnalyticsTuning
{
    public static void Apply(AsyncOptions options)
    {
        options.BatchSize = 5_000;
        options.CacheLimitPerTenant = 50_000;
        options.RebuildFlushThreshold = 50_000;
    }
}
