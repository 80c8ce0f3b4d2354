namespace Depin.ServiceDefaults.Security;

/// <summary>Section "Internal": the key the gateway signs forwarded principals with, shared only with the services.</summary>
public sealed class InternalAuthOptions
{
    public string SigningKey { get; set; } = "";

    /// <summary>How far a signed request's timestamp may be from the receiver's clock.</summary>
    public int MaxSkewSeconds { get; set; } = 60;
}
