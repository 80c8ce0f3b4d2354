using System.Text.Json;

namespace Depin.Compute.Parameters;

/// <summary>A kernel's parameters: a JSON object of integers within bounds. Errors name the parameter.</summary>
public sealed class ParameterSchema(params ParameterSpec[] specs)
{
    public IReadOnlyList<ParameterSpec> Specs => specs;

    public ParameterValidation Validate(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            return ParameterValidation.Fail("parameters must be a JSON object");

        var errors = new List<string>();
        var known = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!known.TryGetValue(property.Name, out var spec))
            {
                errors.Add($"unknown parameter '{property.Name}' (expected: {string.Join(", ", specs.Select(s => s.Name))})");
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out var value))
            {
                errors.Add($"parameter '{spec.Name}' must be an integer");
                continue;
            }
            if (value < spec.Min || value > spec.Max)
            {
                errors.Add($"parameter '{spec.Name}' must be between {spec.Min} and {spec.Max} (got {value})");
                continue;
            }
            values[spec.Name] = value;
        }
        foreach (var spec in specs.Where(s => !values.ContainsKey(s.Name) && !errors.Any(e => e.Contains($"'{s.Name}'", StringComparison.Ordinal))))
        {
            if (spec.Default is { } d) values[spec.Name] = d;
            else errors.Add($"parameter '{spec.Name}' is required");
        }
        return errors.Count > 0 ? new ParameterValidation(null, errors) : new ParameterValidation(new KernelParameters(values), []);
    }
}
