using System.Collections.Concurrent;
using System.Diagnostics;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Depin.Compute.Backends.Gpu;

/// <summary>
/// Runs every kernel's ILGPU implementation on one accelerator: a CUDA GPU in production, or ILGPU's CPU
/// accelerator (simulating a 32-wide, 1024-thread GPU, with assertions on) in tests. Jobs take the device
/// one at a time (<see cref="Claim"/>): a kernel is written to fill the whole device, so two at once
/// would only share it and double the memory. Compiled kernels are cached for the backend's lifetime.
/// </summary>
public sealed class IlgpuBackend : IComputeBackend, IDisposable
{
    private readonly Context _context;
    private readonly ConcurrentDictionary<string, Delegate> _kernels = new(StringComparer.Ordinal);
    private readonly Lock _device = new();
    private long _transferTicks, _kernelTicks;

    private IlgpuBackend(Context context, Accelerator accelerator, DeviceClass deviceClass)
    {
        _context = context;
        Accelerator = accelerator;
        DeviceClass = deviceClass;
        Name = $"ilgpu-{accelerator.AcceleratorType.ToString().ToLowerInvariant()}:{accelerator.Name}";
    }

    public Accelerator Accelerator { get; }
    public string Name { get; }
    public DeviceClass DeviceClass { get; }

    /// <summary>Host threads for input generation and hashing, which stay on the CPU.</summary>
    public int Parallelism { get; } = Environment.ProcessorCount;

    /// <summary>The first CUDA device ILGPU can compile for; null when there is none (see <see cref="DeviceInventory"/> for why).</summary>
    public static IlgpuBackend? TryCreateCuda()
    {
        if (DeviceInventory.DriverProblem() is not null) return null;
        var context = Context.Create(b => b.Cuda(DeviceInventory.IsUsable).EnableAlgorithms().Optimize(OptimizationLevel.O2));
        var devices = context.GetCudaDevices();
        if (devices.Count > 0) return new IlgpuBackend(context, devices[0].CreateCudaAccelerator(context), DeviceClass.Gpu);
        context.Dispose();
        return null;
    }

    /// <summary>ILGPU's CPU accelerator with assertions on: the same kernels, run as .NET code, for tests without a GPU.</summary>
    public static IlgpuBackend CreateCpuSimulator()
    {
        var context = Context.Create(b => b.CPU(CPUDevice.Nvidia).EnableAlgorithms().Assertions().Optimize(OptimizationLevel.O1));
        return new IlgpuBackend(context, context.CreateCPUAccelerator(0, CPUAcceleratorMode.Parallel), DeviceClass.Cpu);
    }

    /// <summary>The accelerator this backend runs on, as the executor logs and registers it.</summary>
    public AcceleratorInfo Describe() => Accelerator switch
    {
        CudaAccelerator cuda => new AcceleratorInfo("cuda", cuda.Name, cuda.MemorySize,
            cuda.Architecture is { } arch ? $"{arch.Major}.{arch.Minor}" : "unknown", $"{cuda.DriverVersion.Major}.{cuda.DriverVersion.Minor}",
            cuda.NumMultiprocessors, null),
        // The CPU accelerator reports no real limit (long.MaxValue): its memory is the host's.
        _ => new AcceleratorInfo("ilgpu-cpu", $"ILGPU CPU accelerator simulating a GPU ({Accelerator.Name})",
            Math.Min(Accelerator.MemorySize, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes), "", "", Accelerator.NumMultiprocessors, null),
    };

    /// <summary>A compiled kernel, loaded once per backend under its key.</summary>
    internal TKernel Kernel<TKernel>(string key, Func<Accelerator, TKernel> load) where TKernel : Delegate =>
        (TKernel)_kernels.GetOrAdd(key, _ => load(Accelerator));

    /// <summary>Holds the device for one job's work (<c>using (device.Claim()) { … }</c>).</summary>
    internal Lock.Scope Claim() => _device.EnterScope();

    /// <summary>Copies host data to a new device buffer; the time counts as transfer.</summary>
    internal MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(ReadOnlySpan<T> data) where T : unmanaged
    {
        var started = Stopwatch.GetTimestamp();
        var buffer = Accelerator.Allocate1D<T>(Math.Max(1, data.Length));
        if (!data.IsEmpty) ((ArrayView<T>)buffer.View).SubView(0, data.Length).CopyFromCPU(data);
        Accelerator.Synchronize();
        Interlocked.Add(ref _transferTicks, Stopwatch.GetTimestamp() - started);
        return buffer;
    }

    /// <summary>Waits for the device work queued so far; the wait counts as kernel time.</summary>
    internal void Synchronize()
    {
        var started = Stopwatch.GetTimestamp();
        Accelerator.Synchronize();
        Interlocked.Add(ref _kernelTicks, Stopwatch.GetTimestamp() - started);
    }

    /// <summary>
    /// Between batches of launches: waits for those queued so far, then stops if the job was cancelled and
    /// reports progress. Queued launches cannot be recalled, so a job is cancelled between batches.
    /// </summary>
    internal void Checkpoint(double fraction, IProgress<double>? progress, CancellationToken ct)
    {
        Synchronize();
        ct.ThrowIfCancellationRequested();
        progress?.Report(fraction);
    }

    /// <summary>Waits for the queued work, then copies a device view back to the host.</summary>
    internal void Download<T>(ArrayView<T> view, Span<T> target) where T : unmanaged
    {
        Synchronize();
        var started = Stopwatch.GetTimestamp();
        view.SubView(0, target.Length).CopyToCPU(target);
        Interlocked.Add(ref _transferTicks, Stopwatch.GetTimestamp() - started);
    }

    /// <summary>Time spent copying between host and device, and waiting for kernels, since the last call (benchmarks).</summary>
    public (TimeSpan Transfer, TimeSpan Kernels) TakeTimings() =>
        (Stopwatch.GetElapsedTime(0, Interlocked.Exchange(ref _transferTicks, 0)), Stopwatch.GetElapsedTime(0, Interlocked.Exchange(ref _kernelTicks, 0)));

    public void Sgemm(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, IProgress<double>? progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using (Claim())
        {
            using var da = Upload(a);
            using var db = Upload(b);
            using var dc = Accelerator.Allocate1D<float>(Math.Max(1, (long)m * n));
            DeviceGemm.Multiply(this, da.View, db.View, dc.View, m, n, k);
            Download(dc.View, c[..(m * n)]);
        }
        progress?.Report(1);
    }

    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}
