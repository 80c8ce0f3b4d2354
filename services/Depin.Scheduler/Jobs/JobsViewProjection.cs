using Depin.EventStore.Streams;
using Npgsql;

namespace Depin.Scheduler.Jobs;

/// <summary>Inline projection of job streams into the jobs table the API and the sweeper read.</summary>
public sealed class JobsViewProjection : IInlineProjection
{
    public async Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var recorded in events)
        {
            if (recorded.Data is not IJobEvent) continue;
            var (sql, args) = Statement(recorded);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new() { Value = JobDecider.IdOf(recorded.StreamId) });
            command.Parameters.Add(new() { Value = recorded.Version });
            command.Parameters.Add(new() { Value = recorded.Timestamp });
            foreach (var arg in args) command.Parameters.Add(new() { Value = arg ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    // $1 job id, $2 version, $3 timestamp, then the event's own values.
    private static (string Sql, object?[] Args) Statement(RecordedEvent recorded) => recorded.Data switch
    {
        JobSubmitted e => ("""
            insert into jobs (job_id, version, updated_at, submitted_at, client_account_id, kernel, parameters, status,
                              max_price_per_unit, estimated_units, max_cost, deadline, region)
            values ($1, $2, $3, $3, $4, $5, $6::jsonb, 'submitted', $7, $8, $9, $10, $11)
            """, [e.ClientAccountId, e.Kernel, e.ParametersJson, e.MaxPricePerUnit, e.EstimatedUnits, e.MaxCost, e.Deadline, e.Region]),
        JobFunded => (Update("status = 'queued'"), []),
        JobAssigned e => (Update("status = 'assigned', attempts = $4, node_id = $5, lease_until = $6, price_per_unit = $7, progress = 0"),
            [e.Attempt, e.NodeId, e.LeaseUntil, e.PricePerUnit]),
        JobStarted e => (Update("status = 'running', lease_until = $4"), [e.LeaseUntil]),
        JobProgressed e => (Update("progress = $4, lease_until = $5"), [e.Fraction, e.LeaseUntil]),
        JobAttemptLost e => (Update("status = 'queued', node_id = null, lease_until = null, reason = $4"), [e.Reason]),
        JobCompleted e => (Update("status = 'completed', progress = 1, lease_until = null, result_hash = $4, result = $5::jsonb, units = $6, cost = $7, reason = null"),
            [e.ResultHash, e.ResultJson, e.Units, e.Cost]),
        JobFailed e => (Update("status = 'failed', lease_until = null, reason = $4"), [e.Reason]),
        JobCancelled => (Update("status = 'cancelled', lease_until = null, reason = 'cancelled by the client'"), []),
        JobSettled e => (Update("charged = $4, provider_amount = $5, fee = $6, refunded = $7"), [e.Charged, e.ProviderAmount, e.Fee, e.Released]),
        JobRefunded e => (Update("charged = 0, provider_amount = 0, fee = 0, refunded = $4"), [e.Amount]),
        _ => throw new InvalidOperationException($"No projection for {recorded.Type}"),
    };

    private static string Update(string set) => $"update jobs set {set}, version = $2, updated_at = $3 where job_id = $1";
}
