namespace Depin.Cli.Api;

/// <summary>The query part of a gateway path from optional parameters: "?a=1&amp;b=x" (values escaped), or "" when none is given.</summary>
public static class QueryString
{
    public static string Of(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
