namespace Depin.EventStore.Streams;

/// <summary>What the writer believes about the stream: new (0), at a version, or anything.</summary>
public readonly record struct ExpectedVersion(long? Value)
{
    public static readonly ExpectedVersion NoStream = new(0);
    public static readonly ExpectedVersion Any = new(null);
    public static ExpectedVersion At(long version) => new(version);
}
