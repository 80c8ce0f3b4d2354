using MassTransit;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>The bus's consumer of each message of a batch consumer: it waits in the consumer's group commit.</summary>
public sealed class GroupCommitConsumer<TConsumer, T>(GroupCommit<TConsumer, T> group) : IConsumer<T>
    where TConsumer : class, IConsumer<Batch<T>>
    where T : class
{
    public Task Consume(ConsumeContext<T> context) => group.HandleAsync(context);
}

/// <summary>
/// The batch consumer's queue keeps its name (the batch consumer's), and enough messages are delivered at once to
/// fill a batch while the others commit.
/// </summary>
public sealed class GroupCommitConsumerDefinition<TConsumer, T>(InboxBatchDefinition<TConsumer, T> definition)
    : ConsumerDefinition<GroupCommitConsumer<TConsumer, T>>, IConsumerDefinition
    where TConsumer : class, IConsumer<Batch<T>>
    where T : class
{
    string IConsumerDefinition.GetEndpointName(IEndpointNameFormatter formatter) => formatter.Consumer<TConsumer>();

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<GroupCommitConsumer<TConsumer, T>> consumerConfigurator, IRegistrationContext context)
    {
        var capacity = InboxBatchDefinition<TConsumer, T>.MessageLimit * (definition.ConcurrencyLimit + 1);
        endpointConfigurator.PrefetchCount = Math.Max(endpointConfigurator.PrefetchCount, capacity);
        endpointConfigurator.ConcurrentMessageLimit = Math.Max(endpointConfigurator.ConcurrentMessageLimit ?? 0, capacity);
    }
}
