using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Storage;
using Marten;

namespace Depin.ServiceDefaults.Tests;

/// <summary>
/// A document store with the services' storage conventions (<see cref="EventStoreSetup.ApplyConventions"/>) on a
/// fresh schema of the test PostgreSQL, dropped on dispose: for tests of the conventions themselves, with no bus.
/// </summary>
public sealed class ConventionStore : IAsyncDisposable
{
    private readonly string _schema;

    private ConventionStore(DocumentStore store, string schema) => (Store, _schema) = (store, schema);

    public DocumentStore Store { get; }

    public static async Task<ConventionStore> CreateAsync(string prefix, EventNames names, Action<StoreOptions> configure)
    {
        var schema = TestPostgres.NewSchema(prefix);
        var store = DocumentStore.For(o =>
        {
            EventStoreSetup.ApplyConventions(o, TestPostgres.ConnectionString, schema, names, new EventStoreOptions());
            configure(o);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new ConventionStore(store, schema);
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await TestPostgres.DropSchemaAsync(_schema);
    }
}
