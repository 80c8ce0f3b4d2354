namespace Depin.Compute.Parameters;

public sealed record ParameterValidation(KernelParameters? Parameters, IReadOnlyList<string> Errors)
{
    public bool IsValid => Parameters is not null;
    public static ParameterValidation Fail(string error) => new(null, [error]);
}
