using Depin.EventStore.Streams;

namespace Depin.EventStore.Deciding;

/// <summary>Re-runs a load-decide-append when another writer moved the stream first (used where no broker retries for us).</summary>
public static class ConflictRetry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt, int attempts = 5)
    {
        for (var i = 1; ; i++)
        {
            try { return await attempt(); }
            catch (ConcurrencyException) when (i < attempts) { await Task.Delay(Random.Shared.Next(5, 20 * i)); }
        }
    }
}
