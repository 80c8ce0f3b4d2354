using System.Text.Json;
using Depin.EventSourcing.Log;

namespace Depin.ServiceDefaults.EventLog;

/// <summary>How an exported event looks; its data is written as stored, never re-serialised.</summary>
internal static class EventJson
{
    public static void Write(Utf8JsonWriter json, string log, StoredEvent e)
    {
        json.WriteStartObject();
        json.WriteString("log", log);
        json.WriteNumber("position", e.Position);
        json.WriteString("stream", e.Stream);
        json.WriteNumber("version", e.Version);
        json.WriteString("type", e.Type);
        json.WriteString("timestamp", e.Timestamp);
        json.WriteString("id", e.Id);
        if (e.CorrelationId is null) json.WriteNull("correlationId"); else json.WriteString("correlationId", e.CorrelationId);
        if (e.CausationId is null) json.WriteNull("causationId"); else json.WriteString("causationId", e.CausationId);
        json.WritePropertyName("data");
        json.WriteRawValue(e.Data, skipInputValidation: true);
        json.WriteEndObject();
    }
}
