namespace Depin.ServiceDefaults.Messaging;

/// <summary>
/// Each node consumes ExecuteJob from its own queue and StopJob from its own control queue (apart, so a stop is read while
/// every slot is busy running); the scheduler sends to them by these names.
/// </summary>
public static class NodeQueues
{
    public static string Name(Guid nodeId) => $"executor-node-{nodeId:N}";
    public static Uri Address(Guid nodeId) => new($"queue:{Name(nodeId)}");
    public static string ControlName(Guid nodeId) => $"executor-node-{nodeId:N}-control";
    public static Uri ControlAddress(Guid nodeId) => new($"queue:{ControlName(nodeId)}");
}
