using System.Diagnostics;
using System.Text.Json;
using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Storage;
using Marten;
using Npgsql;

namespace Depin.Benchmarks.EventStore;

public sealed record BenchAppended(Guid JobId, long Amount, string Note, DateTimeOffset At);

/// <summary>
/// bench.sh eventstore: Marten with the services' conventions against plain Npgsql doing the same work on the
/// same database in the same run: single-event appends (one transaction each: bump the stream's version, insert
/// the event), batched appends (1,000 events per transaction) and a full replay (read and deserialise every event).
/// </summary>
public static class EventStoreBenchmark
{
    private const int Singles = 2_000, Batches = 20, BatchSize = 1_000, Streams = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var connection = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--postgres is required");
        var durability = args.SkipWhile(a => a != "--durability").Skip(1).FirstOrDefault() ?? "unknown";
        var names = new EventNames().Add<BenchAppended>("bench_appended");
        using var store = DocumentStore.For(o => EventStoreSetup.ApplyConventions(o, connection, "bench_marten", names, new EventStoreOptions()));
        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var db = NpgsqlDataSource.Create(connection);
        await Plain.CreateAsync(db);

        var marten = await RateAsync(Singles, async i =>
        {
            await using var session = store.LightweightSession();
            session.Events.Append(StreamKey(i), Event(i));
            await session.SaveChangesAsync();
        });
        var plain = await RateAsync(Singles, i => Plain.AppendAsync(db, [(StreamKey(i), Event(i))]));
        Measure.Report("eventstore", $"single_appends_per_s_{durability}", marten, "events/s", "npgsql", plain);

        marten = await RateAsync(Batches, async b =>
        {
            await using var session = store.LightweightSession();
            for (var i = 0; i < BatchSize; i++) session.Events.Append(StreamKey(b * BatchSize + i), Event(i));
            await session.SaveChangesAsync();
        }) * BatchSize;
        plain = await RateAsync(Batches, b => Plain.AppendAsync(db, Enumerable.Range(0, BatchSize).Select(i => (StreamKey(b * BatchSize + i), Event(i))).ToList())) * BatchSize;
        Measure.Report("eventstore", $"batched_appends_per_s_{durability}", marten, "events/s", "npgsql", plain);

        var total = Singles + 1 + (Batches + 1) * BatchSize;   // the warm-ups stored theirs too
        marten = total / Best(async () =>
        {
            await using var session = store.QuerySession();
            var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
            if (events.Count != total || events[^1].Data is not BenchAppended) throw new InvalidOperationException($"replayed {events.Count} of {total}");
        });
        plain = total / Best(async () =>
        {
            var count = await Plain.ReplayAsync(db);
            if (count != total) throw new InvalidOperationException($"replayed {count} of {total}");
        });
        Measure.Report("eventstore", "replay_events_per_s", marten, "events/s", "npgsql", plain);
        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        return 0;
    }

    private static string StreamKey(int i) => "bench-" + (i % Streams);
    private static BenchAppended Event(int i) => new(Guid.NewGuid(), i * 1_000L, "benchmark event", DateTimeOffset.UtcNow);

    private static async Task<double> RateAsync(int count, Func<int, Task> one)
    {
        await one(0);   // warm-up
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= count; i++) await one(i);
        return count / clock.Elapsed.TotalSeconds;
    }

    private static double Best(Func<Task> run)
    {
        run().GetAwaiter().GetResult();
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            run().GetAwaiter().GetResult();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>The same rows by hand: a stream table with a version, an event table with a global sequence.</summary>
    private static class Plain
    {
        public static async Task CreateAsync(NpgsqlDataSource db)
        {
            await using var create = db.CreateCommand("""
                drop schema if exists bench_plain cascade;
                create schema bench_plain;
                create table bench_plain.streams (id varchar primary key, version bigint not null);
                create table bench_plain.events (seq_id bigserial primary key, id uuid not null, stream_id varchar not null references bench_plain.streams(id),
                  version bigint not null, data jsonb not null, type varchar not null, timestamp timestamptz not null default now(), unique (stream_id, version));
                """);
            await create.ExecuteNonQueryAsync();
        }

        public static async Task AppendAsync(NpgsqlDataSource db, IReadOnlyList<(string Stream, BenchAppended Event)> events)
        {
            await using var connection = await db.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, tx);
            foreach (var (stream, e) in events)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                    with s as (insert into bench_plain.streams (id, version) values ($1, 1) on conflict (id) do update set version = bench_plain.streams.version + 1 returning version)
                    insert into bench_plain.events (id, stream_id, version, data, type) select $2, $1, s.version, $3::jsonb, 'bench_appended' from s
                    """) { Parameters = { new() { Value = stream }, new() { Value = Guid.NewGuid() }, new() { Value = JsonSerializer.Serialize(e, Json) } } });
            }
            await batch.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        public static async Task<int> ReplayAsync(NpgsqlDataSource db)
        {
            await using var read = db.CreateCommand("select seq_id, stream_id, version, data, type, timestamp from bench_plain.events order by seq_id");
            await using var reader = await read.ExecuteReaderAsync();
            var events = new List<(long, string, long, BenchAppended, DateTime)>();
            while (await reader.ReadAsync())
            {
                var data = JsonSerializer.Deserialize<BenchAppended>(reader.GetString(3), Json)!;
                events.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), data, reader.GetDateTime(5)));
            }
            return events.Count;
        }
    }
}
