using Depin.EventStore.Schema;
using Depin.EventStore.Streams;
using Npgsql;

namespace Depin.EventStore.Tests;

public sealed record Counted(int Writer, int N);

/// <summary>A fresh schema on the real PostgreSQL that test.sh starts (DEPIN_TEST_POSTGRES), dropped afterwards.</summary>
public sealed class PostgresSchemaFixture : IAsyncLifetime
{
    private readonly string _schema = "es_test_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _admin;

    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public EventStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var cs = Environment.GetEnvironmentVariable("DEPIN_TEST_POSTGRES")
            ?? throw new InvalidOperationException("DEPIN_TEST_POSTGRES is not set: run the tests with infra/dev/test.sh, which starts PostgreSQL.");
        _admin = NpgsqlDataSource.Create(cs);
        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cs) { SearchPath = _schema, MaxPoolSize = 40 }.ConnectionString);
        await SchemaMigrator.MigrateAsync(DataSource, new EventStoreOptions { Schema = _schema }, CancellationToken.None);
        Store = new EventStore(DataSource, new EventTypeRegistry().Register(typeof(Counted)), [], TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await using (var drop = _admin!.CreateCommand($"drop schema {_schema} cascade")) await drop.ExecuteNonQueryAsync();
        await DataSource.DisposeAsync();
        await _admin.DisposeAsync();
    }
}
