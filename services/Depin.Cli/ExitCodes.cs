namespace Depin.Cli;

/// <summary>What the exit status means, for scripts (the README lists them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran but the outcome is bad: the watched job failed or was cancelled, anomalies were found.</summary>
    public const int Unsuccessful = 1;
    /// <summary>The command line itself is wrong (unknown option, malformed --param, no API key).</summary>
    public const int Usage = 2;
    /// <summary>The API refused the request as invalid (400, 409, 422): its problem details say why.</summary>
    public const int Rejected = 3;
    /// <summary>The API key is missing, wrong, revoked (401) or lacks the role (403).</summary>
    public const int Unauthorized = 4;
    public const int NotFound = 5;
    /// <summary>The gateway did not answer, or answered 5xx or 429.</summary>
    public const int Unavailable = 6;

    public static int ForStatus(int status) => status switch
    {
        401 or 403 => Unauthorized,
        404 => NotFound,
        429 or >= 500 => Unavailable,
        _ => Rejected,
    };
}
