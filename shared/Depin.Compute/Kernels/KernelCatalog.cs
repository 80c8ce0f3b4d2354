using System.Text.Json;
using Depin.Compute.Kernels.Conv2d;
using Depin.Compute.Kernels.MatMul;
using Depin.Compute.Kernels.Mlp;
using Depin.Compute.Kernels.MonteCarlo;
using Depin.Compute.Kernels.NBody;
using Depin.Compute.Kernels.Sha256Pow;
using Depin.Compute.Kernels.SmithWaterman;
using Depin.Compute.Kernels.StencilHeat;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels;

/// <summary>Every kernel the network runs, by name.</summary>
public static class KernelCatalog
{
    private static readonly Dictionary<string, IKernel> Kernels = new IKernel[]
    {
        new MatMulKernel(),
        new MonteCarloOptionKernel(),
        new StencilHeatKernel(),
        new NBodyKernel(),
        new Conv2dKernel(),
        new SmithWatermanKernel(),
        new Sha256PowKernel(),
        new MlpInferenceKernel(),
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => Kernels.Keys;
    public static IEnumerable<IKernel> All => Kernels.Values;

    public static bool TryGet(string name, out IKernel kernel) => Kernels.TryGetValue(name, out kernel!);

    /// <summary>Checks kernel and parameters at the edge; the error messages are meant for the client.</summary>
    public static KernelValidation Validate(string? kernelName, JsonElement parameters)
    {
        if (string.IsNullOrWhiteSpace(kernelName))
            return KernelValidation.Fail("kernel is required");
        if (!TryGet(kernelName, out var kernel))
            return KernelValidation.Fail($"unknown kernel '{kernelName}' (known: {string.Join(", ", Names.Order(StringComparer.Ordinal))})");
        var validation = kernel.Schema.Validate(parameters);
        if (validation.Parameters is not { } valid) return new KernelValidation(kernel, null, 0, validation.Errors);
        var crossErrors = kernel.CheckParameters(valid).ToList();
        return crossErrors.Count == 0
            ? new KernelValidation(kernel, valid, kernel.EstimateUnits(valid), [])
            : new KernelValidation(kernel, null, 0, crossErrors);
    }
}
