using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Depin.ServiceDefaults.Security;

/// <summary>
/// How the gateway vouches for a caller: HMAC-SHA256 over account, role, time, method and path with a
/// key only the gateway and the services hold. Services accept no principal without a valid signature,
/// so a request that bypasses the gateway is rejected.
/// </summary>
public static class GatewaySignature
{
    public const string AccountHeader = "X-Depin-Account";
    public const string RoleHeader = "X-Depin-Role";
    public const string IssuedHeader = "X-Depin-Issued";
    public const string SignatureHeader = "X-Depin-Signature";
    public static readonly string[] Headers = [AccountHeader, RoleHeader, IssuedHeader, SignatureHeader];

    public static string Sign(string key, Guid account, string role, long issuedUnixMs, string method, string pathAndQuery)
    {
        var payload = string.Join('\n', account.ToString(), role, issuedUnixMs.ToString(CultureInfo.InvariantCulture), method.ToUpperInvariant(), pathAndQuery);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(payload)));
    }

    /// <summary>Puts a signed principal on an outgoing request, replacing any principal headers it carried.</summary>
    public static void Apply(HttpRequestHeaders headers, string key, Guid account, string role, long issuedUnixMs, string method, string pathAndQuery)
    {
        foreach (var name in Headers) headers.Remove(name);
        headers.TryAddWithoutValidation(AccountHeader, account.ToString());
        headers.TryAddWithoutValidation(RoleHeader, role);
        headers.TryAddWithoutValidation(IssuedHeader, issuedUnixMs.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(SignatureHeader, Sign(key, account, role, issuedUnixMs, method, pathAndQuery));
    }

    public static bool Verify(string key, Guid account, string role, long issuedUnixMs, string method, string pathAndQuery, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(key, account, role, issuedUnixMs, method, pathAndQuery));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
