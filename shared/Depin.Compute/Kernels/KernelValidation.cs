using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels;

public sealed record KernelValidation(IKernel? Kernel, KernelParameters? Parameters, long EstimatedUnits, IReadOnlyList<string> Errors)
{
    public bool IsValid => Kernel is not null && Parameters is not null;
    public static KernelValidation Fail(string error) => new(null, null, 0, [error]);
}
