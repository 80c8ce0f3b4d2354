using Depin.EventSourcing.Inbox;
using Depin.EventSourcing.Streams;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace Depin.EventSourcing.Tests;

/// <summary>Marten with the services' conventions on a fresh schema of the real PostgreSQL that test.sh starts (DEPIN_TEST_POSTGRES), dropped afterwards.</summary>
public sealed class MartenFixture : IAsyncLifetime
{
    private readonly string _schema = TestPostgres.NewSchema("es_test");

    public DocumentStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Store = DocumentStore.For(o =>
        {
            o.Connection(new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { MaxPoolSize = 60 }.ConnectionString);
            o.DatabaseSchemaName = _schema;
            o.Events.StreamIdentity = StreamIdentity.AsString;
            o.Events.AppendMode = EventAppendMode.Quick;
            o.Events.UseExclusiveLockOnConcurrentAppends = true;
            o.Events.MapEventType<Counted>("counted");
            o.Schema.For<ProcessedMessage>();
            o.Projections.Add(new DeciderProjection<long, Add, Counted>(Counter.Decider), ProjectionLifecycle.Live);
            o.AutoCreateSchemaObjects = AutoCreate.All;
        });
        await Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        Store.Dispose();
        await TestPostgres.DropSchemaAsync(_schema);
    }
}
