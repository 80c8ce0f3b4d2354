using Depin.Compute.Backends;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels;

/// <summary>
/// A kernel of the library. Executors never run client code: only these, with bounded parameters.
/// Units are the cost model's compute units; a price is micro-credits per unit.
/// </summary>
public interface IKernel
{
    string Name { get; }
    string Description { get; }
    ParameterSchema Schema { get; }

    /// <summary>Checks across parameters that bounds alone cannot express; each message names the parameter.</summary>
    IEnumerable<string> CheckParameters(KernelParameters parameters) => [];

    /// <summary>How far the fast path's floating-point summary values may be from the reference (relative); 0: exactly equal.</summary>
    double ReferenceTolerance => 0;

    /// <summary>The cost model in words, as <see cref="EstimateUnits"/> computes it (shown to clients with the kernel).</summary>
    string CostModel { get; }

    /// <summary>The cost model: compute units a run with these parameters takes (used for escrow and billing).</summary>
    long EstimateUnits(KernelParameters parameters);

    /// <summary>The fast implementation on the given backend.</summary>
    KernelResult Run(KernelParameters parameters, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct);

    /// <summary>The plain scalar implementation tests and benchmarks compare against.</summary>
    KernelResult RunReference(KernelParameters parameters, CancellationToken ct);
}
