using System.Text.RegularExpressions;
using Depin.Compute.Kernels;

namespace Depin.NodeRegistry.Nodes.Registering;

public static partial class RegisterNodeValidation
{
    public const long MaxPricePerUnit = 1_000_000_000;
    public const long MaxStake = 1_000_000_000_000_000;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex RegionPattern();

    public static List<string> Validate(RegisterNodeRequest r)
    {
        var errors = new List<string>();
        if (r.Name is null || !NamePattern().IsMatch(r.Name)) errors.Add("name must be 1-64 characters of letters, digits, '.', '_' and '-'");
        if (r.Region is null || !RegionPattern().IsMatch(r.Region)) errors.Add("region must be 1-32 characters of a-z, 0-9 and '-'");
        if (r.Capabilities is not { Count: > 0 } caps) errors.Add($"capabilities must list at least one kernel ({string.Join(", ", KernelCatalog.Names)})");
        else
            errors.AddRange(caps.Where(c => !KernelCatalog.TryGet(c ?? "", out _)).Select(c => $"capabilities: unknown kernel '{c}'"));
        if (r.PricePerUnit is not { } price || price is < 1 or > MaxPricePerUnit)
            errors.Add($"pricePerUnit must be between 1 and {MaxPricePerUnit} micro-credits");
        if (r.Stake is { } stake and (< 0 or > MaxStake)) errors.Add($"stake must be between 0 and {MaxStake} micro-credits");
        return errors;
    }
}
