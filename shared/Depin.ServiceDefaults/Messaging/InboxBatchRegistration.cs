using System.Reflection;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>Puts batch consumers on the bus behind their group commit (see <see cref="GroupCommit{TConsumer, T}"/>).</summary>
public static class InboxBatchRegistration
{
    /// <summary>Every <see cref="InboxBatchDefinition{TConsumer, T}"/> of the assembly; returns the batch consumers it registered.</summary>
    public static IReadOnlySet<Type> AddInboxBatchConsumers(this IBusRegistrationConfigurator bus, Assembly assembly)
    {
        var register = typeof(InboxBatchRegistration).GetMethod(nameof(AddInboxBatchConsumer))!;
        var consumers = new HashSet<Type>();
        foreach (var definition in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (BatchDefinitionBase(definition) is not { } declared) continue;
            var (consumer, message) = (declared.GetGenericArguments()[0], declared.GetGenericArguments()[1]);
            register.MakeGenericMethod(consumer, message, definition).Invoke(null, [bus]);
            consumers.Add(consumer);
        }
        return consumers;
    }

    public static void AddInboxBatchConsumer<TConsumer, T, TDefinition>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer<Batch<T>>
        where T : class
        where TDefinition : InboxBatchDefinition<TConsumer, T>, new()
    {
        bus.TryAddSingleton<InboxBatchDefinition<TConsumer, T>>(new TDefinition());
        bus.TryAddScoped<TConsumer>();
        bus.TryAddSingleton<GroupCommit<TConsumer, T>>();
        bus.AddConsumer<GroupCommitConsumer<TConsumer, T>, GroupCommitConsumerDefinition<TConsumer, T>>();
    }

    private static Type? BatchDefinitionBase(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(InboxBatchDefinition<,>)) return t;
        return null;
    }
}
