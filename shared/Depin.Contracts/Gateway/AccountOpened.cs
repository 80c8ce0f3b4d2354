namespace Depin.Contracts.Gateway;

/// <summary>An account was opened by an operator; billing opens its money account from this.</summary>
public sealed record AccountOpened(Guid AccountId, string Name, string Role, DateTimeOffset OpenedAt);
