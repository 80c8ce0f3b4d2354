namespace Depin.Gateway.ApiKeys;

public interface IApiAccountEvent;

/// <summary>An account and its API key. Only the key's SHA-256 is stored; the key itself is shown once, at creation.</summary>
public sealed record ApiAccountOpened(Guid AccountId, string Name, string Role, string KeyHash, DateTimeOffset At) : IApiAccountEvent;

/// <summary>A new key replaces the old one, which stops working once the gateway's key cache expires (seconds).</summary>
public sealed record ApiKeyRotated(Guid AccountId, string KeyHash, DateTimeOffset At) : IApiAccountEvent;

/// <summary>The account's key is revoked and no key replaces it until the next rotation.</summary>
public sealed record ApiKeyRevoked(Guid AccountId, DateTimeOffset At) : IApiAccountEvent;
