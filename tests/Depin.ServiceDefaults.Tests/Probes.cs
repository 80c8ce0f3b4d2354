using Depin.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Batching;
using MassTransit.Context;

namespace Depin.ServiceDefaults.Tests;

public sealed record Probe(Guid Id, bool Fail);

public sealed record Probed(Guid Id);

/// <summary>What a probe's handling stored: one document per probe handled.</summary>
public sealed class ProbeSeen
{
    public Guid Id { get; set; }
}

/// <summary>A batched consumer for the inbox's own tests: stores a document and an event per probe, and fails on the probes that ask it to.</summary>
public sealed class ProbeConsumer(InboxHandler inbox) : IConsumer<Batch<Probe>>
{
    public Task Consume(ConsumeContext<Batch<Probe>> context) =>
        inbox.HandleBatchAsync<ProbeConsumer, Probe>(context, m => $"probe-{m.Id}", session => c =>
        {
            if (c.Message.Fail) throw new InvalidOperationException("this probe fails");
            session.Store(new ProbeSeen { Id = c.Message.Id });
            session.Events.StartStream($"probe-{c.Message.Id}", new Probed(c.Message.Id));
            return Task.CompletedTask;
        });
}

public sealed class ProbeConsumerDefinition : InboxBatchDefinition<ProbeConsumer, Probe>;

public sealed record TwiceProbe(Guid Id);

/// <summary>
/// Hands the inbox a batch that holds this very delivery twice, as RabbitMQ does when a message was published
/// again before its first copy was consumed (the in-memory test bus delivers a message id only once).
/// </summary>
public sealed class TwiceProbeConsumer(InboxHandler inbox) : IConsumer<TwiceProbe>
{
    public Task Consume(ConsumeContext<TwiceProbe> context)
    {
        var batch = new MessageBatch<TwiceProbe>(DateTime.UtcNow, DateTime.UtcNow, BatchCompletionMode.Size, [context, context]);
        return inbox.HandleBatchAsync<TwiceProbeConsumer, TwiceProbe>(new MessageConsumeContext<Batch<TwiceProbe>>(context, batch),
            m => $"probe-{m.Id}", session => c =>
            {
                session.Store(new ProbeSeen { Id = c.Message.Id });
                session.Events.StartStream($"probe-{c.Message.Id}", new Probed(c.Message.Id));
                return Task.CompletedTask;
            });
    }
}
