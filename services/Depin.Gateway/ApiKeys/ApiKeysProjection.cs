using Depin.EventStore.Streams;
using Npgsql;

namespace Depin.Gateway.ApiKeys;

public sealed class ApiKeysProjection : IInlineProjection
{
    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events.Select(r => r.Data).OfType<ApiAccountOpened>())
        {
            await using var command = new NpgsqlCommand(
                "insert into api_keys (key_hash, account_id, name, role, created_at) values ($1, $2, $3, $4, $5)", connection);
            command.Parameters.Add(new() { Value = e.KeyHash });
            command.Parameters.Add(new() { Value = e.AccountId });
            command.Parameters.Add(new() { Value = e.Name });
            command.Parameters.Add(new() { Value = e.Role });
            command.Parameters.Add(new() { Value = e.At });
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
