using System.Text.Json.Nodes;

namespace Depin.NodeRegistry.Nodes;

/// <summary>
/// node_registered and node_updated as stored before nodes offered devices (v1: one price, no offers, no
/// accelerators) read as the current shape: the CPU offered at that price, no accelerators reported. Every reader
/// (the decider, the read model, the relay) sees offers; none of them needs to know v1 existed.
/// </summary>
public static class RegistrationUpcast
{
    public static JsonObject ToCurrent(JsonObject stored)
    {
        if (stored["offers"] is null)
            stored["offers"] = new JsonArray(new JsonObject { ["deviceClass"] = "Cpu", ["pricePerUnit"] = stored["pricePerUnit"]?.DeepClone(), ["gpuMemoryMiB"] = null });
        stored["accelerators"] ??= new JsonArray();
        return stored;
    }
}
