using MassTransit;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// How a consumer of <c>Batch&lt;T&gt;</c> collects its messages for <see cref="InboxHandler.HandleBatchAsync{TConsumer, T}"/>:
/// up to <see cref="MessageLimit"/> at once, closing a batch when no further message came for
/// <see cref="TimeLimitMilliseconds"/>. A lone message waits that long (a few milliseconds per hop); under a backlog
/// messages keep coming and batches fill, so a burst pays one transaction per batch instead of one per message.
/// (Timed from the first message instead, a backlog was cut into batches of one or two.)
/// </summary>
public abstract class InboxBatchDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    public const int MessageLimit = 100;
    public const int TimeLimitMilliseconds = 2;

    /// <summary>Batches handled at once.</summary>
    protected virtual int ConcurrencyLimit => 2;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // Room for one more batch than are handled at once, so that the next one fills while they commit.
        var capacity = MessageLimit * (ConcurrencyLimit + 1);
        endpointConfigurator.PrefetchCount = Math.Max(endpointConfigurator.PrefetchCount, capacity);
        endpointConfigurator.ConcurrentMessageLimit = Math.Max(endpointConfigurator.ConcurrentMessageLimit ?? 0, capacity);
        consumerConfigurator.Options<BatchOptions>(o =>
        {
            o.SetMessageLimit(MessageLimit).SetTimeLimit(ms: TimeLimitMilliseconds).SetTimeLimitStart(BatchTimeLimitStart.FromLast)
                .SetConcurrencyLimit(ConcurrencyLimit);
            Configure(o);
        });
    }

    /// <summary>A consumer's own additions to the batch options.</summary>
    protected virtual void Configure(BatchOptions options) { }
}
