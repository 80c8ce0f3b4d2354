namespace Depin.Gateway.ApiKeys;

public static class ApiKeysTables
{
    public const string Ddl = """
        create table if not exists api_keys (
            key_hash text primary key,
            account_id uuid not null unique,
            name text not null,
            role text not null,
            created_at timestamptz not null);
        """;
}
