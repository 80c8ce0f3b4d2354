using Depin.Cli.Api;

namespace Depin.Cli.Settings;

/// <summary>Kernel parameters from repeated <c>--param name=value</c> flags; every parameter is an integer.</summary>
public static class JobParameters
{
    public static Dictionary<string, long> Parse(IEnumerable<string> pairs)
    {
        var parameters = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
                throw new UsageException($"--param expects name=integer (got '{pair}')");
            var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
            if (!long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
                throw new UsageException($"--param {name} must be an integer (got '{value}')");
            if (!parameters.TryAdd(name, number))
                throw new UsageException($"--param {name} is given twice");
        }
        return parameters;
    }
}
