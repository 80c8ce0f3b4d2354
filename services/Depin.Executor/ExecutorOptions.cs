using Depin.Compute.Kernels;

namespace Depin.Executor;

/// <summary>Section "Executor": who this node is and whom it works for.</summary>
public sealed class ExecutorOptions
{
    public string GatewayUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The provider's API key; nodes register under the provider's account.</summary>
    public string ProviderKey { get; set; } = "";

    public string NodeName { get; set; } = Environment.MachineName;
    public string Region { get; set; } = "local";
    /// <summary>auto (the CPU, plus the GPU when one is usable), cpu, gpu (refuses to start without one) or gpu-simulator (tests).</summary>
    public string Backend { get; set; } = Devices.BackendChoice.Auto;

    /// <summary>Micro-credits per compute unit for a job run on the CPU.</summary>
    public long PricePerUnit { get; set; } = 5;

    /// <summary>Micro-credits per compute unit for a job run on the GPU: the units are the same work, so this is the GPU's premium.</summary>
    public long GpuPricePerUnit { get; set; } = 20;
    public long Stake { get; set; }
    public List<string> Capabilities { get; set; } = [.. KernelCatalog.Names];
    public int HeartbeatSeconds { get; set; } = 2;

    /// <summary>
    /// Jobs this node runs at once. Above 1 the node takes its next job while finishing one, so tiny jobs do not
    /// pay a scheduler round trip each; large kernels use every core anyway and simply share them.
    /// </summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>On shutdown, a running job gets this long to finish before it is handed back.</summary>
    public int ShutdownGraceSeconds { get; set; } = 10;

    /// <summary>none (the default), corrupt, corrupt:P or stall: a lying or broken node for tests and demos (see Execution/FaultMode).</summary>
    public string FaultMode { get; set; } = "none";

    /// <summary>Must be true for any FaultMode but none to start: no production node lies by accident.</summary>
    public bool AllowFaultModes { get; set; }

    /// <summary>The fault mode, or why it is refused.</summary>
    public (Execution.FaultMode Mode, string? Problem) Fault()
    {
        if (!Execution.FaultMode.TryParse(FaultMode, out var mode, out var error)) return (Execution.FaultMode.None, error);
        return mode.Kind != Execution.FaultKind.None && !AllowFaultModes
            ? (Execution.FaultMode.None, $"Executor:FaultMode '{FaultMode}' is refused unless Executor:AllowFaultModes is true")
            : (mode, null);
    }
}
