namespace Depin.ServiceDefaults.Messaging;

/// <summary>Each node consumes ExecuteJob from its own queue; the scheduler sends to it by this name.</summary>
public static class NodeQueues
{
    public static string Name(Guid nodeId) => $"executor-node-{nodeId:N}";
    public static Uri Address(Guid nodeId) => new($"queue:{Name(nodeId)}");
}
