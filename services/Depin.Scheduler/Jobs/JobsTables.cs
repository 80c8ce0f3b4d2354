namespace Depin.Scheduler.Jobs;

/// <summary>The scheduler's read models, in its own schema.</summary>
public static class JobsTables
{
    public const string Ddl = """
        create table if not exists jobs (
            job_id uuid primary key,
            client_account_id uuid not null,
            kernel text not null,
            parameters jsonb not null,
            status text not null,
            max_price_per_unit bigint not null,
            estimated_units bigint not null,
            max_cost bigint not null,
            deadline timestamptz not null,
            region text,
            attempts int not null default 0,
            node_id uuid,
            lease_until timestamptz,
            progress double precision,
            result_hash text,
            result jsonb,
            units bigint,
            price_per_unit bigint,
            cost bigint,
            charged bigint,
            provider_amount bigint,
            fee bigint,
            refunded bigint,
            reason text,
            submitted_at timestamptz not null,
            updated_at timestamptz not null,
            version bigint not null);
        create index if not exists jobs_active on jobs (status) where status in ('submitted', 'queued', 'assigned', 'running');
        create index if not exists jobs_by_client on jobs (client_account_id, submitted_at desc);
        create table if not exists nodes (
            node_id uuid primary key,
            provider_account_id uuid not null,
            name text not null,
            region text not null,
            capabilities text[] not null,
            price_per_unit bigint not null,
            online boolean not null,
            draining boolean not null,
            version bigint not null);
        """;
}
