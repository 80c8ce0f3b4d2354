namespace Depin.EventSourcing.Streams;

/// <summary>
/// The stored name of every event type of a service. Names are written once and never derived from the
/// CLR type name, so renaming or moving a class cannot break replay; a test pins each service's table.
/// </summary>
public sealed class EventNames
{
    private readonly Dictionary<Type, string> _byType = [];

    public IReadOnlyDictionary<Type, string> ByType => _byType;

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
