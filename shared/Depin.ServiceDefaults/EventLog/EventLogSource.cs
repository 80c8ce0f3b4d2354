using Depin.EventSourcing.Chain;
using Depin.EventSourcing.Streams;
using Marten;
using Npgsql;

namespace Depin.ServiceDefaults.EventLog;

/// <summary>This service's event log as analysts see it: its name (the service's schema), its stored event types and its chain.</summary>
public sealed class EventLogSource(IDocumentStore store, EventNames names, string schema)
{
    public string Log => schema;
    public string Schema => schema;
    public EventChain Chain { get; } = new(schema, schema);
    public IReadOnlySet<string> Types { get; } = names.ByType.Values.ToHashSet(StringComparer.Ordinal);

    /// <summary>A connection of Marten's own pool: raw reads of the log share its limits.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }
}
