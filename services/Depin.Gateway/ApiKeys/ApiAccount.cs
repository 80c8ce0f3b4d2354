namespace Depin.Gateway.ApiKeys;

/// <summary>An account as the gateway, its one owner, knows it (a Marten document kept inline with the account's stream).</summary>
public sealed class ApiAccount
{
    public string Id { get; set; } = "";
    public Guid AccountId { get; set; }
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>The current key's SHA-256; null while the key is revoked.</summary>
    public string? KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
