using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Depin.Compute.Hashing;

/// <summary>
/// SHA-256 over a kernel's header and its quantised output, so replicas on different hardware agree:
/// floats are rounded to a fixed grid (1/quantum) before hashing.
/// </summary>
public sealed class CanonicalHash : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[8 * 1024];
    private int _used;

    public CanonicalHash(string header) => _sha.AppendData(Encoding.UTF8.GetBytes(header));

    public void Add(long value)
    {
        if (_used + 8 > _buffer.Length) Flush();
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_used), value);
        _used += 8;
    }

    /// <summary>
    /// Quantised values, hashed in fixed chunks of <see cref="ChunkValues"/> on all cores; the digests of
    /// the chunks then go into this hash in order, so the result does not depend on the thread count.
    /// Returns statistics of the quantised values, taken in the same pass and merged in chunk order.
    /// </summary>
    public QuantisedStats AddQuantised(float[] values, double quantum)
    {
        var chunks = (values.Length + ChunkValues - 1) / ChunkValues;
        var digests = new byte[chunks * 32];
        var stats = new QuantisedStats[chunks];
        Parallel.For(0, chunks, chunk =>
        {
            var start = chunk * ChunkValues;
            var count = Math.Min(ChunkValues, values.Length - start);
            var quantised = System.Buffers.ArrayPool<long>.Shared.Rent(count);
            long sum = 0, min = long.MaxValue, max = long.MinValue;
            double sumSquares = 0;
            var source = values.AsSpan(start, count);
            var target = quantised.AsSpan(0, count);
            for (var i = 0; i < source.Length; i++)
            {
                var q = (long)Math.Round(source[i] * quantum);   // banker's rounding, one instruction
                target[i] = q;
                sum += q;
                sumSquares += (double)q * q;
                min = Math.Min(min, q);
                max = Math.Max(max, q);
            }
            var local = new QuantisedStats(count, sum, sumSquares, min, max);
            HashChunk(target, min >= int.MinValue && max <= int.MaxValue, digests.AsSpan(chunk * 32, 32));
            System.Buffers.ArrayPool<long>.Shared.Return(quantised);
            stats[chunk] = local;
        });
        Flush();
        _sha.AppendData(digests);
        return stats.Aggregate(QuantisedStats.Empty, (a, b) => a.Merge(b));
    }

    public const int ChunkValues = 1 << 16;

    /// <summary>A chunk whose values all fit in 32 bits is hashed as int32 (half the bytes); the width is hashed too.</summary>
    private static void HashChunk(Span<long> values, bool narrow, Span<byte> digest)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([narrow ? (byte)4 : (byte)8]);
        // Values are hashed little-endian on every machine.
        if (!narrow)
        {
            if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(values, values);
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        }
        else
        {
            // Narrow in place: int32 i is written over bytes of long i/2, which was already read.
            var ints = System.Runtime.InteropServices.MemoryMarshal.Cast<long, int>(values)[..values.Length];
            for (var i = 0; i < values.Length; i++) ints[i] = (int)values[i];
            if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(ints, ints);
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ints));
        }
        sha.GetHashAndReset(digest);
    }

    public string Finish()
    {
        Flush();
        return Convert.ToHexStringLower(_sha.GetHashAndReset());
    }

    private void Flush()
    {
        _sha.AppendData(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose() => _sha.Dispose();
}
