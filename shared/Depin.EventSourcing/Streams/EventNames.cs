namespace Depin.EventSourcing.Streams;

/// <summary>
/// The stored name of every event type of a service. Names are written once and never derived from the
/// CLR type name, so renaming or moving a class cannot break replay; a test pins each service's table.
/// </summary>
public sealed class EventNames
{
    private readonly Dictionary<Type, string> _byType = [];
    private readonly List<System.Text.Json.Serialization.JsonConverter> _upcasters = [];

    public IReadOnlyDictionary<Type, string> ByType => _byType;

    /// <summary>The converters that read older stored shapes as current ones (see <see cref="Upcaster{TEvent}"/>).</summary>
    public IReadOnlyList<System.Text.Json.Serialization.JsonConverter> Upcasters => _upcasters;

    /// <summary>Reads stored TEvent through upcast, which brings an older shape up to the current one (and leaves a current one alone).</summary>
    public EventNames Upcast<TEvent>(Func<System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonObject> upcast)
    {
        if (!_byType.ContainsKey(typeof(TEvent))) throw new InvalidOperationException($"{typeof(TEvent).Name} has no stored name to upcast.");
        _upcasters.Add(new Upcaster<TEvent>(upcast));
        return this;
    }

    public EventNames Add<TEvent>(string name)
    {
        if (_byType.ContainsValue(name)) throw new InvalidOperationException($"Stored event name '{name}' is used twice.");
        _byType.Add(typeof(TEvent), name);
        return this;
    }

    /// <summary>Every concrete type in TMarker's assembly that implements TMarker must have a name.</summary>
    public EventNames AssertCovers<TMarker>()
    {
        var missing = typeof(TMarker).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(TMarker).IsAssignableFrom(t) && !_byType.ContainsKey(t))
            .Select(t => t.Name).ToList();
        return missing.Count == 0 ? this : throw new InvalidOperationException($"Event types without a stored name: {string.Join(", ", missing)}");
    }
}
