namespace Depin.Compute.Parameters;

/// <summary>Validated parameter values, defaults filled in.</summary>
public sealed class KernelParameters(IReadOnlyDictionary<string, long> values)
{
    public IReadOnlyDictionary<string, long> Values => values;

    public long this[string name] =>
        values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"Parameter '{name}' was not validated.");

    public int Int(string name) => checked((int)this[name]);
}
