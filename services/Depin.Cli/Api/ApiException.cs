namespace Depin.Cli.Api;

/// <summary>The API answered with an error; Problem is its RFC 9457 problem details as sent (title, detail).</summary>
public sealed class ApiException(int status, string title, string? detail) : Exception(detail is null ? title : $"{title}: {detail}")
{
    public int Status => status;
    public string Title => title;
    public string? Detail => detail;
}

/// <summary>The gateway could not be reached at all.</summary>
public sealed class GatewayUnreachableException(Uri gateway, Exception inner)
    : Exception($"the gateway at {gateway} did not answer: {inner.Message}", inner);

/// <summary>The command line is wrong in a way the parser cannot see (a malformed --param, no API key).</summary>
public sealed class UsageException(string message) : Exception(message);
