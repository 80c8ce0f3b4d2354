using Depin.Scheduler.Jobs;
using Npgsql;

namespace Depin.Scheduler.Nodes;

/// <summary>The scheduler's own copy of the nodes it may place on, fed by the registry's events.</summary>
public sealed class NodeView(NpgsqlDataSource dataSource)
{
    public async Task<List<NodeCandidate>> OnlineCandidatesAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select n.node_id, n.provider_account_id, n.price_per_unit, n.region, n.capabilities,
                   (select count(*) from jobs j where j.node_id = n.node_id and j.status in ('assigned', 'running'))::int
            from nodes n where n.online and not n.draining
            """);
        var result = new List<NodeCandidate>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new NodeCandidate(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.GetInt32(5)));
        return result;
    }

    public async Task<List<Guid>> JobsHeldByAsync(Guid nodeId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select job_id from jobs where node_id = $1 and status in ('assigned', 'running')");
        command.Parameters.Add(new() { Value = nodeId });
        var result = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(reader.GetGuid(0));
        return result;
    }
}
