namespace Depin.Gateway.ApiKeys;

public interface IApiAccountEvent;

/// <summary>An account and its API key. Only the key's SHA-256 is stored; the key itself is shown once, at creation.</summary>
public sealed record ApiAccountOpened(Guid AccountId, string Name, string Role, string KeyHash, DateTimeOffset At) : IApiAccountEvent;
