namespace Depin.EventStore;

public sealed class EventStoreOptions
{
    /// <summary>The PostgreSQL schema this service owns; every table of the store lives in it.</summary>
    public required string Schema { get; init; }

    /// <summary>Extra DDL of the service (read models, lookups), run after the store's own tables, unqualified (the schema is the search path).</summary>
    public IList<string> ServiceTables { get; } = [];
}
