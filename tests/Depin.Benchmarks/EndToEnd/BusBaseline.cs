using System.Diagnostics;
using MassTransit;

namespace Depin.Benchmarks.EndToEnd;

public sealed record Ping(int N);

/// <summary>The floor under any job rate: how fast MassTransit publishes and consumes small messages on the same broker.</summary>
public static class BusBaseline
{
    public static async Task<double> MessagesPerSecondAsync(Uri rabbit, int messages)
    {
        var consumed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(rabbit);
            cfg.ReceiveEndpoint($"bench-baseline-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<Ping>(_ =>
                {
                    if (Interlocked.Increment(ref consumed) == messages) done.TrySetResult();
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            // Publishes in flight at once, each confirmed by the broker, like the services' outbox relay.
            await Parallel.ForAsync(0, messages, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) => await bus.Publish(new Ping(i), ct));
            await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return messages / clock.Elapsed.TotalSeconds;
        }
        finally { await bus.StopAsync(); }
    }
}
