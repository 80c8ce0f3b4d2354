using Depin.EventStore.Streams;
using Npgsql;

namespace Depin.EventStore.Relay;

/// <summary>Named places in the global log, for the relay and for async projections.</summary>
public sealed class CheckpointStore(NpgsqlDataSource dataSource)
{
    public async Task<GlobalCheckpoint> LoadAsync(string name, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select tx_id::text, position from checkpoints where name = $1");
        command.Parameters.Add(new() { Value = name });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new GlobalCheckpoint(ulong.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetInt64(1))
            : GlobalCheckpoint.Start;
    }

    public async Task SaveAsync(string name, GlobalCheckpoint checkpoint, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            insert into checkpoints (name, tx_id, position) values ($1, $2::text::xid8, $3)
            on conflict (name) do update set tx_id = excluded.tx_id, position = excluded.position, updated_at = now()
            """);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = checkpoint.TransactionId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new() { Value = checkpoint.Position });
        await command.ExecuteNonQueryAsync(ct);
    }
}
