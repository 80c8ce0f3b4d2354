using MassTransit;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// Declares a consumer of <c>Batch&lt;T&gt;</c> (see <see cref="InboxHandler.HandleBatchAsync{TConsumer, T}"/>) and how
/// its messages are grouped: <see cref="GroupCommit{TConsumer, T}"/> hands it whatever is waiting, up to
/// <see cref="MessageLimit"/>, whenever one of its <see cref="ConcurrencyLimit"/> batches is free. A lone message is
/// handled at once; under a backlog batches fill while the running ones commit. Registered by
/// <see cref="InboxBatchRegistration"/> from the service's assembly.
/// </summary>
public abstract class InboxBatchDefinition<TConsumer, T>
    where TConsumer : class, IConsumer<Batch<T>>
    where T : class
{
    public const int MessageLimit = 100;

    /// <summary>Batches handled at once.</summary>
    public virtual int ConcurrencyLimit => 2;

    /// <summary>
    /// Null: any batch may hold any message. Otherwise a message's lane key: messages whose keys fall in the same of
    /// <see cref="ConcurrencyLimit"/> lanes are batched together, one batch per lane at a time, so lanes that lock
    /// different rows never wait on each other.
    /// </summary>
    public virtual Func<T, int>? Lane => null;
}
