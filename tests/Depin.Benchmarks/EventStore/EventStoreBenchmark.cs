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
/// the event), batched appends (1,000 events per transaction) and a full replay (read every event with its
/// envelope and deserialise it). The two sides take turns operation by operation after the same warm-up, so a noisy
/// neighbour or a checkpoint hits both alike; each rate is the side's events over the side's own time.
/// </summary>
public static class EventStoreBenchmark
{
    // Warm-ups are long enough for tiered compilation to finish on both sides: Marten runs far more code per event
    // than the hand-written side, so with a short warm-up its first rounds measured the JIT, not the store.
    private const int SinglesWarmUp = 2_000, Singles = 3_000, BatchesWarmUp = 10, Batches = 20, BatchSize = 1_000,
        ReplayWarmUp = 5, Replays = 5, Streams = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var connection = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--postgres is required");
        var durability = args.SkipWhile(a => a != "--durability").Skip(1).FirstOrDefault() ?? "unknown";
        var names = new EventNames().Add<BenchAppended>("bench_appended");
        using var store = DocumentStore.For(o => EventStoreSetup.ApplyConventions(o, connection, "bench_marten", names, new EventStoreOptions()));
        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        // The plain side gets the same connection settings as the services' Marten (prepared statements, no reset).
        await using var db = NpgsqlDataSource.Create(EventStoreSetup.TunedConnectionString(connection));
        await Plain.CreateAsync(db);

        var (marten, plain) = await TakeTurnsAsync(SinglesWarmUp, Singles,
            async i =>
            {
                await using var session = store.LightweightSession();
                session.Events.Append(StreamKey(i), Event(i));
                await session.SaveChangesAsync();
            },
            i => Plain.AppendAsync(db, [(StreamKey(i), Event(i))]));
        Measure.Report("eventstore", $"single_appends_per_s_{durability}", marten, "events/s", "npgsql", plain);

        (marten, plain) = await TakeTurnsAsync(BatchesWarmUp, Batches,
            async b =>
            {
                await using var session = store.LightweightSession();
                for (var i = 0; i < BatchSize; i++) session.Events.Append(StreamKey(b * BatchSize + i), Event(i));
                await session.SaveChangesAsync();
            },
            b => Plain.AppendAsync(db, Enumerable.Range(0, BatchSize).Select(i => (StreamKey(b * BatchSize + i), Event(i))).ToList()));
        Measure.Report("eventstore", $"batched_appends_per_s_{durability}", marten * BatchSize, "events/s", "npgsql", plain * BatchSize);

        // A living database has been analysed by autovacuum; these tables were filled a moment ago. Without fresh
        // statistics the planner sorts Marten's events on disk (its replay filters out archived events).
        await using (var analyse = db.CreateCommand("analyze bench_marten.mt_events; analyze bench_marten.mt_streams; analyze bench_plain.events; analyze bench_plain.streams"))
            await analyse.ExecuteNonQueryAsync();
        var total = SinglesWarmUp + Singles + (BatchesWarmUp + Batches) * BatchSize;
        (marten, plain) = await TakeTurnsAsync(ReplayWarmUp, Replays,
            async _ =>
            {
                await using var session = store.QuerySession();
                var events = await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync();
                if (events.Count != total || events[^1].Data is not BenchAppended) throw new InvalidOperationException($"replayed {events.Count} of {total}");
            },
            async _ =>
            {
                var count = await Plain.ReplayAsync(db);
                if (count != total) throw new InvalidOperationException($"replayed {count} of {total}");
            });
        Measure.Report("eventstore", "replay_events_per_s", marten * total, "events/s", "npgsql", plain * total);
        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        return 0;
    }

    private static string StreamKey(int i) => "bench-" + (i % Streams);
    private static BenchAppended Event(int i) => new(Guid.NewGuid(), i * 1_000L, "benchmark event", DateTimeOffset.UtcNow);

    /// <summary>
    /// Warm both sides up, then alternate them operation by operation (Marten, plain, plain, Marten, ...) for
    /// <paramref name="count"/> operations each; returns each side's operations per second of its own time. Taking
    /// turns this finely spreads a checkpoint, an autovacuum pass or a noisy neighbour over both sides alike.
    /// Operation numbers run on per side, so each stores distinct events.
    /// </summary>
    private static async Task<(double Marten, double Plain)> TakeTurnsAsync(int warmUp, int count, Func<int, Task> marten, Func<int, Task> plain)
    {
        int nextMarten = 0, nextPlain = 0;
        for (var i = 0; i < warmUp; i++)
        {
            await marten(nextMarten++);
            await plain(nextPlain++);
        }
        long martenTicks = 0, plainTicks = 0;
        for (var i = 0; i < count; i++)
        {
            // Each side goes first every other time, so what one operation leaves behind (a GC, a WAL flush) is paid by both.
            if (i % 2 == 0)
            {
                martenTicks += await TimeAsync(marten, nextMarten++);
                plainTicks += await TimeAsync(plain, nextPlain++);
            }
            else
            {
                plainTicks += await TimeAsync(plain, nextPlain++);
                martenTicks += await TimeAsync(marten, nextMarten++);
            }
        }
        return (count * (double)Stopwatch.Frequency / martenTicks, count * (double)Stopwatch.Frequency / plainTicks);
    }

    private static async Task<long> TimeAsync(Func<int, Task> operation, int number)
    {
        var start = Stopwatch.GetTimestamp();
        await operation(number);
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>
    /// The same rows by hand: a stream table with a version, an event table with a global sequence and the
    /// envelope the services store (type, time, correlation and causation ids).
    /// </summary>
    private static class Plain
    {
        public static async Task CreateAsync(NpgsqlDataSource db)
        {
            await using var create = db.CreateCommand("""
                drop schema if exists bench_plain cascade;
                create schema bench_plain;
                create table bench_plain.streams (id varchar primary key, version bigint not null);
                create table bench_plain.events (seq_id bigserial primary key, id uuid not null, stream_id varchar not null references bench_plain.streams(id),
                  version bigint not null, data jsonb not null, type varchar not null, timestamp timestamptz not null default now(),
                  correlation_id varchar, causation_id varchar, unique (stream_id, version));
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
            await using var read = db.CreateCommand(
                "select seq_id, id, stream_id, version, data, type, timestamp, correlation_id, causation_id from bench_plain.events order by seq_id");
            await using var reader = await read.ExecuteReaderAsync();
            var events = new List<Replayed>();
            while (await reader.ReadAsync())
            {
                var data = JsonSerializer.Deserialize<BenchAppended>(reader.GetString(4), Json)!;
                events.Add(new Replayed(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), data, reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
            return events.Count;
        }

        private sealed record Replayed(long Sequence, Guid Id, string Stream, long Version, BenchAppended Data, string Type,
            DateTimeOffset Timestamp, string? CorrelationId, string? CausationId);
    }
}
