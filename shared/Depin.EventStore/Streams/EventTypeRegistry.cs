using System.Text.Json;

namespace Depin.EventStore.Streams;

/// <summary>Maps stored type names to CLR types. Names are the CLR type's name: renaming an event type is a breaking change.</summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _byType = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Registers every concrete type in TMarker's assembly that implements TMarker.</summary>
    public EventTypeRegistry RegisterAll<TMarker>()
    {
        foreach (var type in typeof(TMarker).Assembly.GetTypes()
                     .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(TMarker).IsAssignableFrom(t)))
            Register(type);
        return this;
    }

    public EventTypeRegistry Register(Type type)
    {
        if (_byName.TryGetValue(type.Name, out var existing) && existing != type)
            throw new InvalidOperationException($"Event type name '{type.Name}' is used by {existing} and {type}.");
        _byName[type.Name] = type;
        _byType[type] = type.Name;
        return this;
    }

    public string NameOf(Type type) =>
        _byType.TryGetValue(type, out var name) ? name : throw new InvalidOperationException($"Event type {type} is not registered.");

    public object Deserialize(string name, string json) =>
        _byName.TryGetValue(name, out var type)
            ? JsonSerializer.Deserialize(json, type, Json) ?? throw new InvalidOperationException($"Event '{name}' deserialised to null.")
            : throw new InvalidOperationException($"Unknown event type '{name}'.");

    public string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), Json);
}
