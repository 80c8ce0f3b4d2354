using Npgsql;

namespace Depin.EventStore.Streams;

/// <summary>A read model updated in the same transaction as the append, so the API sees it at once.</summary>
public interface IInlineProjection
{
    Task ApplyAsync(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> events, CancellationToken ct);
}
