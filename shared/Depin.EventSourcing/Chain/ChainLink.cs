using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Depin.EventSourcing.Log;

namespace Depin.EventSourcing.Chain;

/// <summary>
/// One link of a service's hash chain: SHA-256 over the predecessor's link and everything stored about the
/// event (position, id, stream, version, type, time, correlation and causation ids, data). Changing any of
/// them, or any earlier event, changes this link and every one after it.
/// </summary>
public static class ChainLink
{
    public const int Size = 32;

    /// <summary>The predecessor of a log's first event.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[Size];

    public static byte[] Of(ReadOnlySpan<byte> previous, StoredEvent e)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        Span<byte> fixedPart = stackalloc byte[8 + 16 + 8 + 8];
        BinaryPrimitives.WriteInt64BigEndian(fixedPart, e.Position);
        e.Id.TryWriteBytes(fixedPart[8..24], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(fixedPart[24..], e.Version);
        BinaryPrimitives.WriteInt64BigEndian(fixedPart[32..], e.Timestamp.UtcTicks);
        hash.AppendData(fixedPart);
        foreach (var text in (ReadOnlySpan<string?>)[e.Stream, e.Type, e.CorrelationId, e.CausationId, e.Data]) AppendText(hash, text);
        return hash.GetHashAndReset();
    }

    /// <summary>Length-prefixed (-1 for null), so no two different field lists hash the same bytes.</summary>
    private static void AppendText(IncrementalHash hash, string? text)
    {
        Span<byte> length = stackalloc byte[4];
        if (text is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            BinaryPrimitives.WriteInt32BigEndian(length, written);
            hash.AppendData(length);
            hash.AppendData(buffer, 0, written);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }
}
