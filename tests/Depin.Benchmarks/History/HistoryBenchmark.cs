using System.Diagnostics;
using Depin.EventSourcing.Log;
using Depin.Billing;
using Depin.Billing.Analytics;
using Depin.Billing.Holds;
using Depin.ServiceDefaults.EventLog;
using Depin.ServiceDefaults.Storage;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Depin.Benchmarks.History;

/// <summary>
/// bench.sh analytics: a billing log of N settlements (billing's own events, store and projections), then, each
/// against a plain Npgsql read of the same rows in the same run:
/// - rebuilding billing's analytics projections (provider-days, client-days) from position 0 with Marten's daemon;
/// - the export: the NDJSON endpoint's own code behind Kestrel, read line by line by an HTTP client on loopback;
/// - the hash chain: linking every event (what the chain writer does behind the daemon), and verifying them all.
/// </summary>
public static class HistoryBenchmark
{
    private const string Schema = "bench_history";
    private const int AppendBatch = 5_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var connection = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--postgres is required");
        var count = int.Parse(args.SkipWhile(a => a != "--events").Skip(1).FirstOrDefault() ?? "1000000", System.Globalization.CultureInfo.InvariantCulture);
        var names = BillingModule.Events;
        using var store = DocumentStore.For(o =>
        {
            EventStoreSetup.ApplyConventions(o, connection, Schema, names, new EventStoreOptions());
            BillingModule.ConfigureStore(o);
            BillingModule.ConfigureAnalytics(o);
        });
        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var db = NpgsqlDataSource.Create(EventStoreSetup.TunedConnectionString(connection));

        var clock = Stopwatch.StartNew();
        // Seeded through a store of the same log without billing's inline ledger, which would triple the set-up time
        // and is not what is measured here.
        using (var seeding = DocumentStore.For(o => EventStoreSetup.ApplyConventions(o, connection, Schema, names, new EventStoreOptions())))
            await SeedAsync(seeding, count);
        await store.Advanced.AdvanceHighWaterMarkToLatestAsync(CancellationToken.None);
        await using (var analyse = db.CreateCommand($"analyze {Schema}.mt_events")) await analyse.ExecuteNonQueryAsync();
        Console.Error.WriteLine($"stored {count:N0} events in {clock.Elapsed.TotalSeconds:F1} s");

        var source = new EventLogSource(store, names, Schema);
        await using var server = await ServeAsync(source);
        using var http = new HttpClient { BaseAddress = new Uri(server.Urls.First()), Timeout = Timeout.InfiniteTimeSpan };
        // Warm both sides once (JIT, the table in shared buffers), then alternate: plain, export, plain, export.
        await PlainReadAsync(db, count);
        await ExportAsync(http, count);
        var (plain, export) = (TimeSpan.Zero, TimeSpan.Zero);
        for (var round = 0; round < 2; round++)
        {
            plain += await PlainReadAsync(db, count);
            export += await ExportAsync(http, count);
        }
        var plainRate = 2 * count / plain.TotalSeconds;
        Measure.Report("analytics", "export_ndjson_events_per_s", 2 * count / export.TotalSeconds, "events/s", "npgsql_read", plainRate);

        // Each projection rebuilt once from 0 by the daemon, on its own (the service's daemon does the same on demand).
        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            foreach (var projection in new[] { ProviderDayProjection.ProjectionName, ClientDayProjection.ProjectionName })
            {
                clock.Restart();
                await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(10), CancellationToken.None);
                Measure.Report("analytics", $"rebuild_{projection.Replace('-', '_')}_events_per_s", count / clock.Elapsed.TotalSeconds, "events/s", "npgsql_read", plainRate);
                Console.Error.WriteLine($"rebuilt {projection} over {count:N0} events in {clock.Elapsed.TotalSeconds:F1} s");
            }
            await daemon.StopAllAsync();
        }
        await using (var check = store.QuerySession())
        {
            var days = await check.Query<ProviderDay>().ToListAsync();
            if (days.Sum(d => d.Jobs) != count) throw new InvalidOperationException($"the rebuilt provider days count {days.Sum(d => d.Jobs)} jobs of {count}");
        }

        clock.Restart();
        await using (var link = await db.OpenConnectionAsync())
            while (await source.Chain.ExtendAsync(link, 50_000, CancellationToken.None) > 0) { }
        var linkRate = count / clock.Elapsed.TotalSeconds;
        clock.Restart();
        await using (var verify = await db.OpenConnectionAsync())
        {
            var report = await source.Chain.VerifyAsync(verify, CancellationToken.None);
            if (!report.Intact || report.Verified != count) throw new InvalidOperationException($"verify checked {report.Verified} of {count}: {report.Broken?.Problem}");
        }
        var verifyRate = count / clock.Elapsed.TotalSeconds;
        Measure.Report("analytics", "chain_link_events_per_s", linkRate, "events/s", "npgsql_read", plainRate);
        Measure.Report("analytics", "chain_verify_events_per_s", verifyRate, "events/s", "npgsql_read", plainRate);
        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        return 0;
    }

    private static readonly Guid[] Providers = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
    private static readonly Guid[] Clients = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToArray();
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One settlement of job i: 50 providers, 500 clients, spread over 30 days.</summary>
    private static HoldSettled Settled(int i)
    {
        var charged = 1_000L + i % 997;
        var fee = charged * 5 / 100;
        return new HoldSettled(Guid.NewGuid(), Clients[i % Clients.Length], 2 * charged, charged, Providers[i % Providers.Length], charged - fee, fee, charged,
            Start.AddSeconds(i % (30 * 86_400)));
    }

    /// <summary>
    /// Settlements over 20,000 streams, 5,000 per transaction, two writers at once. Billing writes one hold stream per
    /// job, but what is measured reads the log in position order and never by stream, and creating a million streams
    /// would make the set-up five times longer than everything measured.
    /// </summary>
    private static async Task SeedAsync(DocumentStore store, int count)
    {
        var batches = (count + AppendBatch - 1) / AppendBatch;
        await Parallel.ForAsync(0, batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (b, ct) =>
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = Guid.NewGuid().ToString();
            for (var i = b * AppendBatch; i < Math.Min(count, (b + 1) * AppendBatch); i++)
                session.Events.Append($"hold-{i % 20_000}", Settled(i));
            await session.SaveChangesAsync(ct);
        });
    }

    /// <summary>The baseline: the same rows and columns read with Npgsql, each value materialised, nothing written anywhere.</summary>
    private static async Task<TimeSpan> PlainReadAsync(NpgsqlDataSource db, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var command = db.CreateCommand(
            $"select seq_id, id, stream_id, version, type, timestamp, correlation_id, causation_id, data from {Schema}.mt_events order by seq_id");
        await using var reader = await command.ExecuteReaderAsync();
        var (rows, bytes) = (0, 0L);
        while (await reader.ReadAsync())
        {
            _ = (reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(3), reader.GetDateTime(5));
            bytes += reader.GetString(2).Length + reader.GetString(4).Length + reader.GetString(8).Length + (reader.IsDBNull(6) ? 0 : reader.GetString(6).Length);
            rows++;
        }
        if (rows != count) throw new InvalidOperationException($"read {rows} of {count}");
        return clock.Elapsed;
    }

    /// <summary>Kestrel on loopback serving the export endpoint's writer for the whole log (no auth: that is not what is measured).</summary>
    private static async Task<WebApplication> ServeAsync(EventLogSource source)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/export", async (HttpContext http, CancellationToken ct) =>
        {
            await using var connection = await source.OpenAsync(ct);
            var ceiling = await RawEventLog.HighWaterMarkAsync(connection, source.Schema, ct);
            http.Response.ContentType = "application/x-ndjson";
            await EventLogExport.WriteLinesAsync(http.Response.BodyWriter, connection, source, new EventFilter(), ceiling, ct);
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>One export of the whole log over HTTP; the client reads and counts every line.</summary>
    private static async Task<TimeSpan> ExportAsync(HttpClient http, int count)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync("/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = 0;
        while (await reader.ReadLineAsync() is { Length: > 0 }) lines++;
        if (lines != count) throw new InvalidOperationException($"exported {lines} of {count}");
        return clock.Elapsed;
    }
}
