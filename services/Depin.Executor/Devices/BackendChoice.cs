namespace Depin.Executor.Devices;

/// <summary>The values of Executor:Backend.</summary>
public static class BackendChoice
{
    /// <summary>The CPU, and the first usable GPU as well when there is one.</summary>
    public const string Auto = "auto";

    /// <summary>The CPU only, even where a GPU exists.</summary>
    public const string Cpu = "cpu";

    /// <summary>A GPU only; the executor refuses to start without a usable one.</summary>
    public const string Gpu = "gpu";

    /// <summary>
    /// For tests without a GPU: the GPU kernels on ILGPU's CPU accelerator, offered as a GPU. Slow, and its
    /// floating-point results are the CPU's arithmetic, so never for a real provider.
    /// </summary>
    public const string GpuSimulator = "gpu-simulator";

    public static readonly IReadOnlyList<string> All = [Auto, Cpu, Gpu, GpuSimulator];
}
