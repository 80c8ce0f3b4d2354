namespace Depin.Compute.Parameters;

/// <summary>One integer parameter of a kernel: inclusive bounds and an optional default.</summary>
public sealed record ParameterSpec(string Name, long Min, long Max, long? Default, string Description)
{
    public bool Required => Default is null;
}
