namespace Depin.Billing.Accounts.Depositing;

/// <summary>
/// The optional <c>Idempotency-Key</c> header of a deposit: an operator's tool that retries after a timeout
/// sends the same key, and the account is credited once.
/// </summary>
public readonly record struct IdempotencyKey(string? Key, string? Problem)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    public static IdempotencyKey Read(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Header, out var values)) return new(null, null);
        if (values.Count != 1) return new(null, $"send one {Header} header, not {values.Count}");
        var key = values[0] ?? "";
        return key.Length is 0 or > MaxLength || key.Any(char.IsControl)
            ? new(null, $"{Header} must be 1 to {MaxLength} printable characters")
            : new(key, null);
    }
}
