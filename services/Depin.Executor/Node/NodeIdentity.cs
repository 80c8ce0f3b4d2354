namespace Depin.Executor.Node;

/// <summary>The node id the registry gave this executor; set once registration succeeded.</summary>
public sealed class NodeIdentity
{
    private readonly TaskCompletionSource<Guid> _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid? NodeId => _registered.Task.IsCompletedSuccessfully ? _registered.Task.Result : null;
    public void Set(Guid nodeId) => _registered.TrySetResult(nodeId);
}
