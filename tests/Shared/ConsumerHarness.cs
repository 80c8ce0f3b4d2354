using Depin.EventSourcing.Streams;
using Depin.ServiceDefaults.Messaging;
using Depin.ServiceDefaults.Storage;
using Marten;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Depin.Testing;

/// <summary>
/// The middle tier: a service's real consumers on MassTransit's in-memory test harness (no broker) over its
/// real Marten storage in a fresh schema of the test PostgreSQL, dropped afterwards.
/// </summary>
public sealed class ConsumerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _schema;
    private readonly DeliveryCounter _deliveries = new();

    private ConsumerHarness(ServiceProvider services, string schema)
    {
        (_services, _schema) = (services, schema);
    }

    public ITestHarness Bus => _services.GetRequiredService<ITestHarness>();
    public IDocumentStore Store => _services.GetRequiredService<IDocumentStore>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<ConsumerHarness> StartAsync(EventNames names, Action<StoreOptions> configureStore,
        Action<IBusRegistrationConfigurator> consumers, Action<IServiceCollection>? services = null)
    {
        var connection = TestPostgres.ConnectionString;
        var schema = TestPostgres.NewSchema("harness");
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<InboxHandler>();
        collection.AddMarten(o =>
        {
            EventStoreSetup.ApplyConventions(o, connection, schema, names, new EventStoreOptions());
            configureStore(o);
        }).UseLightweightSessions();
        collection.AddMassTransitTestHarness(consumers);
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(validateScopes: true);
        var harness = new ConsumerHarness(provider, schema);
        await harness.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await harness.Bus.Start();
        harness.Bus.Bus.ConnectConsumeObserver(harness._deliveries);
        return harness;
    }

    /// <summary>
    /// Publishes with a chosen message id (the same id twice is a redelivery) and correlation id, and waits until a consumer has
    /// handled this very delivery, failing the test if it threw. Counted by a consume observer: the harness's
    /// own lists keep one entry per message id, so they cannot see a redelivery.
    /// </summary>
    public async Task DeliverAsync<TMessage>(TMessage message, Guid messageId, Guid? correlationId = null) where TMessage : class
    {
        var before = _deliveries.Handled(messageId);
        await Bus.Bus.Publish(message, c =>
        {
            c.MessageId = messageId;
            if (correlationId is { } id) c.CorrelationId = id;
        });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_deliveries.Handled(messageId) == before && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(_deliveries.Handled(messageId) > before, $"no consumer handled {typeof(TMessage).Name} {messageId}");
        Assert.True(_deliveries.Fault(messageId) is null, $"a consumer failed on {typeof(TMessage).Name} {messageId}: {_deliveries.Fault(messageId)}");
    }

    /// <summary>
    /// Publishes all at once, so that batched consumers see them together, and waits until each was handled,
    /// failing the test if a consumer threw on any.
    /// </summary>
    public async Task DeliverAllAsync<TMessage>(IReadOnlyList<(TMessage Message, Guid MessageId)> messages) where TMessage : class
    {
        var before = messages.ToDictionary(m => m.MessageId, m => _deliveries.Handled(m.MessageId));
        await Task.WhenAll(messages.Select(m => Bus.Bus.Publish(m.Message, c => c.MessageId = m.MessageId)));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (messages.Any(m => _deliveries.Handled(m.MessageId) == before[m.MessageId]) && DateTime.UtcNow < deadline) await Task.Delay(10);
        foreach (var (_, id) in messages)
        {
            Assert.True(_deliveries.Handled(id) > before[id], $"no consumer handled {typeof(TMessage).Name} {id}");
            Assert.True(_deliveries.Fault(id) is null, $"a consumer failed on {typeof(TMessage).Name} {id}: {_deliveries.Fault(id)}");
        }
    }

    /// <summary>Counts handled deliveries per message id and keeps the last fault.</summary>
    private sealed class DeliveryCounter : IConsumeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> _handled = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Exception> _faults = new();

        public int Handled(Guid messageId) => _handled.GetValueOrDefault(messageId);
        public Exception? Fault(Guid messageId) => _faults.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId is { } id) _handled.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            if (context.MessageId is { } id)
            {
                _faults[id] = exception;
                _handled.AddOrUpdate(id, 1, (_, n) => n + 1);
            }
            return Task.CompletedTask;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.Stop();
        await _services.DisposeAsync();
        await TestPostgres.DropSchemaAsync(_schema);
    }
}
