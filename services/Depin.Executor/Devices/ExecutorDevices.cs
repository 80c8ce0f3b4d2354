using Depin.Compute.Backends;
using Depin.Compute.Backends.Gpu;

namespace Depin.Executor.Devices;

/// <summary>
/// The devices this node runs jobs on, one backend per device class, chosen at start by Executor:Backend; each is
/// offered at its own price (Executor:PricePerUnit for the CPU, Executor:GpuPricePerUnit for the GPU). Every
/// accelerator found is logged and registered with the node, usable or not, with the reason when not.
/// </summary>
public sealed partial class ExecutorDevices : IDisposable
{
    private readonly Dictionary<DeviceClass, IComputeBackend> _backends;

    private ExecutorDevices(Dictionary<DeviceClass, IComputeBackend> backends, IReadOnlyList<AcceleratorInfo> accelerators, IReadOnlyList<Offer> offers)
    {
        _backends = backends;
        Accelerators = accelerators;
        Offers = offers;
    }

    /// <summary>A device class this node serves, at its price; GpuMemoryMiB for a GPU.</summary>
    public sealed record Offer(DeviceClass DeviceClass, long PricePerUnit, long? GpuMemoryMiB);

    public IReadOnlyList<AcceleratorInfo> Accelerators { get; }
    public IReadOnlyList<Offer> Offers { get; }

    /// <summary>The backend for a device class, or null when this node does not offer it.</summary>
    public IComputeBackend? For(DeviceClass deviceClass) => _backends.GetValueOrDefault(deviceClass);

    public static ExecutorDevices Open(ExecutorOptions options, ILogger logger)
    {
        var choice = options.Backend.Trim().ToLowerInvariant();
        if (!BackendChoice.All.Contains(choice))
            throw new DeviceUnavailableException($"Executor:Backend must be one of {string.Join(", ", BackendChoice.All)} (got '{options.Backend}').");

        var accelerators = new List<AcceleratorInfo> { DeviceInventory.Cpu() };
        var gpus = choice is BackendChoice.Auto or BackendChoice.Gpu ? DeviceInventory.Gpus() : [];
        accelerators.AddRange(gpus);
        var backends = new Dictionary<DeviceClass, IComputeBackend>();
        if (choice is BackendChoice.Auto or BackendChoice.Cpu) backends[DeviceClass.Cpu] = CpuBackend.Shared;
        string? gpuProblem = null;
        IlgpuBackend? gpu = null;
        try
        {
            gpu = choice switch
            {
                BackendChoice.Auto or BackendChoice.Gpu => IlgpuBackend.TryCreateCuda(),
                BackendChoice.GpuSimulator => IlgpuBackend.CreateCpuSimulator(),
                _ => null,
            };
        }
        catch (Exception ex) when (choice != BackendChoice.GpuSimulator)
        {
            gpuProblem = $"opening the CUDA device failed: {ex.Message}";
        }
        if (choice == BackendChoice.GpuSimulator) accelerators.Add(gpu!.Describe());
        foreach (var a in accelerators) LogAccelerator(logger, a.Kind, a.Name, a.MemoryBytes >> 20, a.ComputeCapability, a.Driver, a.Multiprocessors, a.Unusable ?? "usable");
        if (gpu is not null) backends[DeviceClass.Gpu] = gpu;
        else if (choice is BackendChoice.Gpu or BackendChoice.Auto)
        {
            gpuProblem ??= WhyNoGpu(gpus);
            if (choice == BackendChoice.Gpu)
                throw new DeviceUnavailableException($"Executor:Backend is gpu but there is no usable CUDA device: {gpuProblem}. Set Executor:Backend to cpu or auto to run on the CPU.");
            LogNoGpu(logger, gpuProblem);
        }

        var offers = backends.Keys.Order().Select(c => c == DeviceClass.Gpu
            ? new Offer(c, options.GpuPricePerUnit, gpu!.Describe().MemoryBytes >> 20)
            : new Offer(c, options.PricePerUnit, null)).ToList();
        foreach (var o in offers) LogOffer(logger, o.DeviceClass.Name(), backends[o.DeviceClass].Name, o.PricePerUnit);
        return new ExecutorDevices(backends, accelerators, offers);
    }

    /// <summary>Why there is no GPU to run on: no driver, no device, or each device and why ILGPU cannot use it.</summary>
    private static string WhyNoGpu(IReadOnlyList<AcceleratorInfo> gpus) =>
        DeviceInventory.DriverProblem() ?? (gpus.Count == 0
            ? "the CUDA driver reports no devices"
            : string.Join("; ", gpus.Select(g => $"{g.Name}: {g.Unusable ?? "usable, yet ILGPU did not open it"}")));

    public void Dispose()
    {
        foreach (var backend in _backends.Values) (backend as IDisposable)?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Accelerator {Kind}: {Name}, {MemoryMiB} MiB, compute capability '{ComputeCapability}', driver '{Driver}', {Units} compute units; {Usable}")]
    private static partial void LogAccelerator(ILogger logger, string kind, string name, long memoryMiB, string computeCapability, string driver, int units, string usable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runs {DeviceClass} jobs on {Backend} at {PricePerUnit} micro-credits per unit")]
    private static partial void LogOffer(ILogger logger, string deviceClass, string backend, long pricePerUnit);

    [LoggerMessage(Level = LogLevel.Information, Message = "No GPU offered: {Reason}")]
    private static partial void LogNoGpu(ILogger logger, string reason);
}
