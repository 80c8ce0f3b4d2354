using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace Depin.Compute.Backends.Gpu;

/// <summary>An accelerator as found at start: what the executor logs and registers as its node's capabilities.</summary>
/// <param name="Unusable">why ILGPU cannot run kernels on it; null when it can</param>
public sealed record AcceleratorInfo(
    string Kind, string Name, long MemoryBytes, string ComputeCapability, string Driver, int Multiprocessors, string? Unusable);

/// <summary>
/// The CUDA devices on this machine, including those ILGPU would skip without a word: its default device
/// filter drops a GPU whose architecture (or this driver's PTX version for it) it does not know, so an
/// executor asked for a GPU would otherwise just find none. Listing every device the driver reports, with
/// the reason a device cannot be used, lets the executor say exactly that.
/// </summary>
public static class DeviceInventory
{
    private const string DriverLibrary = "libcuda.so.1";

    /// <summary>Null when a CUDA driver is present; otherwise why no GPU can be found.</summary>
    public static string? DriverProblem()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) return "CUDA is available only on Linux and Windows";
        var library = OperatingSystem.IsWindows() ? "nvcuda.dll" : DriverLibrary;
        if (!NativeLibrary.TryLoad(library, out var handle)) return $"no CUDA driver on this machine ({library} not found)";
        NativeLibrary.Free(handle);
        return null;
    }

    /// <summary>This machine's CPU: the model from /proc/cpuinfo where there is one, the memory the process may use, its cores.</summary>
    public static AcceleratorInfo Cpu()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return new AcceleratorInfo("cpu", model ?? RuntimeInformation.ProcessArchitecture.ToString(),
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "", "", Environment.ProcessorCount, null);
    }

    public static IReadOnlyList<AcceleratorInfo> Gpus()
    {
        if (DriverProblem() is not null) return [];
        using var context = Context.Create(b => b.Cuda(_ => true));
        var found = new List<AcceleratorInfo>();
        foreach (var device in context.GetCudaDevices())
        {
            var capability = device.Architecture is { } arch ? $"{arch.Major}.{arch.Minor}" : "unknown";
            var driver = $"{device.DriverVersion.Major}.{device.DriverVersion.Minor}";
            found.Add(new AcceleratorInfo("cuda", device.Name, device.MemorySize, capability, driver, device.NumMultiprocessors,
                IsUsable(device) ? null : $"ILGPU {typeof(Context).Assembly.GetName().Version} cannot compile for compute capability {capability} with CUDA driver {driver}"));
        }
        return found;
    }

    internal static bool IsUsable(CudaDevice device) => device.Architecture.HasValue && device.InstructionSet.HasValue;
}
