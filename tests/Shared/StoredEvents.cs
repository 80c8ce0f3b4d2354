using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Storage;
using Marten;
using Npgsql;

namespace Depin.Testing;

/// <summary>Checks of a service's stored event names and of old stored JSON, shared by the services' test projects.</summary>
public static class StoredEvents
{
    /// <summary>The table must be exactly these names: a rename fails here before it strands stored history.</summary>
    public static void AssertPinned(EventNames names, params (Type Type, string Name)[] pinned) =>
        Assert.Equal(
            pinned.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Type.Name} = {p.Name}"),
            names.ByType.OrderBy(p => p.Value, StringComparer.Ordinal).Select(p => $"{p.Key.Name} = {p.Value}"));

    /// <summary>
    /// Writes one event row as an older build stored it (its JSON, its stored name, and a CLR type name that no
    /// longer exists) into a fresh schema of the test PostgreSQL, then reads the stream back through Marten with
    /// the service's conventions and returns the event's data.
    /// </summary>
    public static async Task<object> ReadAsStoredAsync(EventNames names, string storedName, string json)
    {
        var connection = TestPostgres.ConnectionString;
        var schema = TestPostgres.NewSchema("old_json");
        using var store = DocumentStore.For(o => EventStoreSetup.ApplyConventions(o, connection, schema, names, new EventStoreOptions()));
        await using var db = NpgsqlDataSource.Create(connection);
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await using (var insert = db.CreateBatch())
            {
                insert.BatchCommands.Add(new NpgsqlBatchCommand($"insert into {schema}.mt_streams (id, version) values ('old-1', 1)"));
                insert.BatchCommands.Add(new NpgsqlBatchCommand($"""
                    insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, mt_dotnet_type)
                    values (nextval('{schema}.mt_events_sequence'), gen_random_uuid(), 'old-1', 1, $1::jsonb, $2, 'Depin.Retired.OldName, Depin.Retired')
                    """) { Parameters = { new NpgsqlParameter { Value = json }, new NpgsqlParameter { Value = storedName } } });
                await insert.ExecuteNonQueryAsync();
            }
            await using var session = store.QuerySession();
            var events = await session.Events.FetchStreamAsync("old-1");
            return Assert.Single(events).Data;
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
        }
    }
}
