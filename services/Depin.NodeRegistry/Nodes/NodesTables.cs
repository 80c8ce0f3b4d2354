namespace Depin.NodeRegistry.Nodes;

public static class NodesTables
{
    /// <summary>The node read model; last_seen is written by heartbeats directly (a beat is not an event).</summary>
    public const string Ddl = """
        create table if not exists nodes (
            node_id uuid primary key,
            provider_account_id uuid not null,
            name text not null,
            region text not null,
            capabilities text[] not null,
            price_per_unit bigint not null,
            stake bigint not null,
            online boolean not null,
            draining boolean not null,
            registered_at timestamptz not null,
            last_seen timestamptz not null,
            version bigint not null,
            unique (provider_account_id, name));
        """;
}
