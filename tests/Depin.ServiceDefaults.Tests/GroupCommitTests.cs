using Depin.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Depin.ServiceDefaults.Tests;

/// <summary>How a batch consumer's messages are grouped (no storage: the consumer only records its batches).</summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private readonly Gate _gate = new();

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddSingleton(_gate)
            .AddMassTransitTestHarness(x =>
            {
                x.AddInboxBatchConsumer<OneAtATimeConsumer, Knock, OneAtATimeDefinition>();
                x.AddInboxBatchConsumer<LanedConsumer, LanedKnock, LanedDefinition>();
            })
            .BuildServiceProvider(validateScopes: true);
        await _services.GetRequiredService<ITestHarness>().Start();
    }

    public async Task DisposeAsync()
    {
        _gate.Open();
        await _services.DisposeAsync();
    }

    private IBus Bus => _services.GetRequiredService<ITestHarness>().Bus;

    [Fact]
    public async Task A_lone_message_is_handled_at_once_and_what_came_meanwhile_is_the_next_batch_whole()
    {
        await Bus.Publish(new Knock(0));
        await _gate.EnteredAsync(1);
        await Task.WhenAll(Enumerable.Range(1, 30).Select(i => Bus.Publish(new Knock(i))));
        var group = _services.GetRequiredService<GroupCommit<OneAtATimeConsumer, Knock>>();
        await WaitUntilAsync(() => group.Waiting == 30);

        _gate.Open();
        await _gate.EnteredAsync(2);

        Assert.Equal([[0], Enumerable.Range(1, 30).ToList()], _gate.Batches.Select(b => b.Order().ToList()).ToList());
    }

    [Fact]
    public async Task Lanes_are_batched_apart_and_one_lane_does_not_wait_for_the_other()
    {
        await Bus.Publish(new LanedKnock(0, Lane: 0));
        await Bus.Publish(new LanedKnock(1, Lane: 1));
        await _gate.EnteredAsync(2);   // both lanes are held at once: neither waits for the other's batch
        await Task.WhenAll(Enumerable.Range(2, 20).Select(i => Bus.Publish(new LanedKnock(i, Lane: i % 2))));
        var group = _services.GetRequiredService<GroupCommit<LanedConsumer, LanedKnock>>();
        await WaitUntilAsync(() => group.Waiting == 20);

        _gate.Open();
        await _gate.EnteredAsync(4);

        var later = _gate.Batches.Skip(2).Select(b => b.Order().ToList()).OrderBy(b => b[0] % 2).ToList();
        Assert.Equal([Enumerable.Range(2, 20).Where(i => i % 2 == 0).ToList(), Enumerable.Range(2, 20).Where(i => i % 2 == 1).ToList()], later);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(condition(), "the messages never all waited for a batch");
    }
}

public sealed record Knock(int Number);

public sealed record LanedKnock(int Number, int Lane);

/// <summary>Records each batch's message numbers, then holds it until the test opens the gate.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<int[]> _batches = [];

    public IReadOnlyList<int[]> Batches
    {
        get { lock (_batches) return [.. _batches]; }
    }

    public void Open() => _open.TrySetResult();

    public async Task PassAsync(IEnumerable<int> numbers)
    {
        lock (_batches) _batches.Add([.. numbers]);
        await _open.Task;
    }

    public async Task EnteredAsync(int batches)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Batches.Count < batches && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(Batches.Count >= batches, $"{Batches.Count} batches entered, expected {batches}");
    }
}

public sealed class OneAtATimeConsumer(Gate gate) : IConsumer<Batch<Knock>>
{
    public Task Consume(ConsumeContext<Batch<Knock>> context) => gate.PassAsync(context.Message.Select(m => m.Message.Number));
}

public sealed class OneAtATimeDefinition : InboxBatchDefinition<OneAtATimeConsumer, Knock>
{
    public override int ConcurrencyLimit => 1;
}

public sealed class LanedConsumer(Gate gate) : IConsumer<Batch<LanedKnock>>
{
    public Task Consume(ConsumeContext<Batch<LanedKnock>> context) => gate.PassAsync(context.Message.Select(m => m.Message.Number));
}

public sealed class LanedDefinition : InboxBatchDefinition<LanedConsumer, LanedKnock>
{
    public override Func<LanedKnock, int> Lane => m => m.Lane;
}
