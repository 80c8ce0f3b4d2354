using System.Text.RegularExpressions;
using Npgsql;

namespace Depin.EventStore.Schema;

/// <summary>Creates the store's tables in the service's schema (also the data source's search path, so SQL stays unqualified). Idempotent; serialised by an advisory lock.</summary>
public static partial class SchemaMigrator
{
    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();

    public static string Validate(string schema) =>
        SchemaName().IsMatch(schema) ? schema : throw new ArgumentException($"'{schema}' is not a valid schema name.", nameof(schema));

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, EventStoreOptions options, CancellationToken ct)
    {
        var schema = Validate(options.Schema);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await Execute(connection, $"select pg_advisory_xact_lock(hashtext('depin-migrate-{schema}'))", ct);
        await Execute(connection, $"create schema if not exists {schema}", ct);
        await Execute(connection, $"set local search_path to {schema}", ct);
        await Execute(connection, StoreTables, ct);
        foreach (var ddl in options.ServiceTables)
            await Execute(connection, ddl, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private const string StoreTables = """
        create table if not exists streams (
            id text primary key,
            version bigint not null,
            created_at timestamptz not null default now(),
            updated_at timestamptz not null default now());
        create table if not exists events (
            position bigserial primary key,
            tx_id xid8 not null default pg_current_xact_id(),
            stream_id text not null,
            version bigint not null,
            event_id uuid not null unique,
            type text not null,
            data jsonb not null,
            correlation_id uuid,
            causation_id uuid,
            timestamp timestamptz not null,
            unique (stream_id, version));
        create index if not exists events_global_order on events (tx_id, position);
        create table if not exists inbox (
            consumer text not null,
            message_id uuid not null,
            processed_at timestamptz not null default now(),
            primary key (consumer, message_id));
        create table if not exists checkpoints (
            name text primary key,
            tx_id xid8 not null,
            position bigint not null,
            updated_at timestamptz not null default now());
        """;
}
