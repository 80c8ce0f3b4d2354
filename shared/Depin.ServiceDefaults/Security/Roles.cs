namespace Depin.ServiceDefaults.Security;

/// <summary>Roles are also the authorization policy names; each endpoint asks for the least it needs.</summary>
public static class Roles
{
    public const string Client = "client";
    public const string Provider = "provider";
    public const string Analyst = "analyst";
    public const string Operator = "operator";

    /// <summary>The policy of reading the whole history (event logs, their chains): analysts and operators.</summary>
    public const string HistoryReaders = "history-readers";

    public static readonly IReadOnlyList<string> All = [Client, Provider, Analyst, Operator];
}
