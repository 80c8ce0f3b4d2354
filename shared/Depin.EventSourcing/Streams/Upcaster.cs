using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Depin.EventSourcing.Streams;

/// <summary>
/// Reads an older stored shape of an event as its current shape: the stored JSON is rewritten (fields added,
/// renamed, derived) before it becomes the event, so deciders, projections and the relay only ever see the
/// current shape and the stored row is never changed. Writing is plain serialisation of the current shape.
/// </summary>
public sealed class Upcaster<TEvent>(Func<JsonObject, JsonObject> upcast) : JsonConverter<TEvent>
{
    // The same options without this converter, for the event itself (built once per options instance).
    private JsonSerializerOptions? _inner;

    private JsonSerializerOptions Inner(JsonSerializerOptions options)
    {
        if (_inner is { } inner) return inner;
        var copy = new JsonSerializerOptions(options);
        copy.Converters.Remove(this);
        return _inner = copy;
    }

    public override TEvent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var stored = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException($"a stored {typeof(TEvent).Name} must be a JSON object");
        return upcast(stored).Deserialize<TEvent>(Inner(options));
    }

    public override void Write(Utf8JsonWriter writer, TEvent value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, Inner(options));
}
