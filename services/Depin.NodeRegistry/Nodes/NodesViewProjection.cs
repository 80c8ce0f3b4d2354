using Depin.EventStore.Streams;
using Npgsql;

namespace Depin.NodeRegistry.Nodes;

public sealed class NodesViewProjection : IInlineProjection
{
    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var recorded in events)
        {
            // $1 is the node id; each statement binds the values it uses after it.
            var (version, at) = (recorded.Version, recorded.Timestamp);
            var (sql, args) = recorded.Data switch
            {
                NodeRegistered e => ("""
                    insert into nodes (node_id, version, last_seen, provider_account_id, name, region, capabilities, price_per_unit, stake,
                                       online, draining, registered_at)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, false, $3)
                    """, new object[] { version, at, e.ProviderAccountId, e.Name, e.Region, e.Capabilities.ToArray(), e.PricePerUnit, e.Stake }),
                NodeUpdated e => ("update nodes set version = $2, last_seen = $3, region = $4, capabilities = $5, price_per_unit = $6, stake = $7, online = true where node_id = $1",
                    [version, at, e.Region, e.Capabilities.ToArray(), e.PricePerUnit, e.Stake]),
                NodeWentOffline => ("update nodes set version = $2, online = false where node_id = $1", [version]),
                NodeCameOnline => ("update nodes set version = $2, online = true, last_seen = $3 where node_id = $1", [version, at]),
                NodeDrained => ("update nodes set version = $2, draining = true where node_id = $1", [version]),
                _ => throw new InvalidOperationException($"No projection for {recorded.Type}"),
            };
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new() { Value = NodeDecider.IdOf(recorded.StreamId) });
            foreach (var arg in args) command.Parameters.Add(new() { Value = arg });
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
