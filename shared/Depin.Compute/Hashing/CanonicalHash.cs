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
    /// A GPU computes the same chunk digests and statistics on the device (<see cref="Backends.Gpu.DeviceHash"/>)
    /// and adds them with <see cref="AddChunks"/>.
    /// </summary>
    public QuantisedStats AddQuantised(float[] values, double quantum)
    {
        var chunks = ChunkCount(values.Length);
        var digests = new byte[chunks * DigestBytes];
        var stats = new QuantisedStats[chunks];
        const int ChunksPerTask = 16;   // 16K values a task: enough work to amortise the scheduling
        Parallel.For(0, (chunks + ChunksPerTask - 1) / ChunksPerTask, task =>
        {
            var quantised = System.Buffers.ArrayPool<long>.Shared.Rent(ChunkValues);
            for (var chunk = task * ChunksPerTask; chunk < Math.Min(chunks, (task + 1) * ChunksPerTask); chunk++)
            {
                var start = chunk * ChunkValues;
                var count = Math.Min(ChunkValues, values.Length - start);
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
                stats[chunk] = new QuantisedStats(count, sum, sumSquares, min, max);
                HashChunk(target, min >= int.MinValue && max <= int.MaxValue, digests.AsSpan(chunk * DigestBytes, DigestBytes));
            }
            System.Buffers.ArrayPool<long>.Shared.Return(quantised);
        });
        return AddChunks(digests, stats);
    }

    /// <summary>Chunk digests and statistics, in chunk order, as <see cref="AddQuantised"/> computes them.</summary>
    public QuantisedStats AddChunks(ReadOnlySpan<byte> digests, ReadOnlySpan<QuantisedStats> stats)
    {
        Flush();
        _sha.AppendData(digests);
        var total = QuantisedStats.Empty;
        foreach (var chunk in stats) total = total.Merge(chunk);
        return total;
    }

    /// <summary>
    /// Values per hashed chunk. Small enough that a GPU hashes a 16M-value output with 16K threads, one chunk
    /// each (version 2 of the kernels' hashes; version 1 hashed 64K-value chunks, too few for a GPU).
    /// </summary>
    public const int ChunkValues = 1 << 10;

    public const int DigestBytes = 32;

    public static int ChunkCount(int values) => (values + ChunkValues - 1) / ChunkValues;

    /// <summary>
    /// One chunk's digest: SHA-256 of its width (4 or 8, as a little-endian int32) and then its values, little-endian,
    /// as int32 when they all fit (half the bytes), else as int64. Word-aligned, so a GPU thread builds the
    /// message words directly from the values.
    /// </summary>
    private static void HashChunk(Span<long> values, bool narrow, Span<byte> digest)
    {
        var width = narrow ? 4 : 8;
        var message = System.Buffers.ArrayPool<byte>.Shared.Rent(4 + values.Length * width);
        var bytes = message.AsSpan(0, 4 + values.Length * width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, width);
        for (var i = 0; i < values.Length; i++)
        {
            if (narrow) BinaryPrimitives.WriteInt32LittleEndian(bytes[(4 + 4 * i)..], (int)values[i]);
            else BinaryPrimitives.WriteInt64LittleEndian(bytes[(4 + 8 * i)..], values[i]);
        }
        SHA256.HashData(bytes, digest);
        System.Buffers.ArrayPool<byte>.Shared.Return(message);
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
