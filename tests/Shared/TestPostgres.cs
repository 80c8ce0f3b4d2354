using Npgsql;

namespace Depin.Testing;

/// <summary>The real PostgreSQL that test.sh starts (DEPIN_TEST_POSTGRES), where tests work in throwaway schemas.</summary>
public static class TestPostgres
{
    public static string ConnectionString => Environment.GetEnvironmentVariable("DEPIN_TEST_POSTGRES")
        ?? throw new InvalidOperationException("DEPIN_TEST_POSTGRES is not set: run the tests with infra/dev/test.sh, which starts PostgreSQL.");

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task DropSchemaAsync(string schema)
    {
        await using var db = NpgsqlDataSource.Create(ConnectionString);
        await using var drop = db.CreateCommand($"drop schema if exists {schema} cascade");
        await drop.ExecuteNonQueryAsync();
    }
}
