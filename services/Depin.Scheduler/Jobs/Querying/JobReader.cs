using System.Text.Json;
using Npgsql;

namespace Depin.Scheduler.Jobs.Querying;

public sealed class JobReader(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        job_id, client_account_id, kernel, parameters::text, status, max_price_per_unit, estimated_units, max_cost, deadline, region,
        attempts, node_id, progress, result_hash, units, price_per_unit, cost, charged, provider_amount, fee, refunded, reason,
        submitted_at, updated_at, result::text
        """;

    public async Task<JobView?> FindAsync(Guid jobId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from jobs where job_id = $1");
        command.Parameters.Add(new() { Value = jobId });
        return (await ReadAsync(command, ct)).FirstOrDefault();
    }

    /// <summary>Newest first; clientAccountId null lists every client's jobs (operators, analysts).</summary>
    public async Task<IReadOnlyList<JobView>> ListAsync(Guid? clientAccountId, string? status, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select {Columns} from jobs
            where ($1::uuid is null or client_account_id = $1) and ($2::text is null or status = $2)
            order by submitted_at desc limit $3
            """);
        command.Parameters.Add(new() { Value = (object?)clientAccountId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        return await ReadAsync(command, ct);
    }

    private static async Task<List<JobView>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<JobView>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            result.Add(new JobView(
                r.GetGuid(0), r.GetGuid(1), r.GetString(2), Json(r.GetString(3)), r.GetString(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7),
                r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetInt32(10),
                r.IsDBNull(11) ? null : r.GetGuid(11), r.IsDBNull(12) ? null : r.GetDouble(12), r.IsDBNull(13) ? null : r.GetString(13),
                Long(r, 14), Long(r, 15), Long(r, 16), Long(r, 17), Long(r, 18), Long(r, 19), Long(r, 20),
                r.IsDBNull(21) ? null : r.GetString(21), r.GetFieldValue<DateTimeOffset>(22), r.GetFieldValue<DateTimeOffset>(23),
                r.IsDBNull(24) ? null : Json(r.GetString(24))));
        }
        return result;
    }

    private static long? Long(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
