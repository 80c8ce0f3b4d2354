using System.Security.Cryptography;
using System.Text;

namespace Depin.Gateway.ApiKeys;

/// <summary>
/// Keys are 256 random bits, so a plain SHA-256 is enough to store them (no password stretching needed):
/// the hash is useless without the key and cannot be brute-forced.
/// </summary>
public static class ApiKeyHash
{
    public const string Prefix = "dpk_";

    public static string NewKey() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
