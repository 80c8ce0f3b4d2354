using System.Buffers.Binary;
using Depin.Compute.Hashing;
using Depin.Compute.Kernels.Sha256Pow;
using ILGPU;
using ILGPU.Runtime;
using static Depin.Compute.Backends.Gpu.Sha256Rounds;

namespace Depin.Compute.Backends.Gpu;

/// <summary>
/// <see cref="CanonicalHash.AddQuantised"/> on the device: one thread per chunk quantises its values, takes their
/// statistics in the CPU's order, and hashes the chunk's message (width word, then the values as little-endian
/// int32 or int64) with SHA-256, building each message word from the values as it goes. Only the chunk digests
/// and statistics (about 1/30 of the output) come back, so a large output is neither copied to the host nor
/// hashed there. The caller holds the device.
/// </summary>
internal static class DeviceHash
{
    internal struct ChunkStats
    {
        public long Count, Sum, Min, Max;
        public double SumSquares;
    }

    internal struct Chunking
    {
        public long Length;
        public double Quantum;
    }

    public static QuantisedStats AddQuantised(IlgpuBackend device, CanonicalHash hash, ArrayView<float> values, long length, double quantum)
    {
        var chunks = CanonicalHash.ChunkCount(checked((int)length));
        var kernel = device.Kernel("canonical-hash", acc =>
            acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<uint>, ArrayView<uint>, ArrayView<ChunkStats>, Chunking>(HashChunk));
        using var constants = device.Upload<uint>(Sha256x8.K);
        using var digestWords = device.Accelerator.Allocate1D<uint>(chunks * 8L);
        using var chunkStats = device.Accelerator.Allocate1D<ChunkStats>(chunks);
        kernel(chunks, values, constants.View, digestWords.View, chunkStats.View, new Chunking { Length = length, Quantum = quantum });
        var words = new uint[chunks * 8];
        var stats = new ChunkStats[chunks];
        device.Download(digestWords.View, words);
        device.Download(chunkStats.View, stats);
        var digests = new byte[chunks * CanonicalHash.DigestBytes];
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(digests.AsSpan(4 * i), words[i]);
        return hash.AddChunks(digests, [.. stats.Select(s => new QuantisedStats(s.Count, s.Sum, s.SumSquares, s.Min, s.Max))]);
    }

    private static long Quantise(float value, double quantum) => (long)Math.Round(value * quantum);

    /// <summary>The low 32 bits of a value, as a bit pattern.</summary>
    private static uint Low(long value) => (uint)(value & 0xFFFF_FFFFL);

    private static void HashChunk(Index1D chunk, ArrayView<float> values, ArrayView<uint> k, ArrayView<uint> digests, ArrayView<ChunkStats> stats, Chunking c)
    {
        var start = (long)chunk.X * CanonicalHash.ChunkValues;
        var count = (int)Math.Min(CanonicalHash.ChunkValues, c.Length - start);
        long sum = 0, min = long.MaxValue, max = long.MinValue;
        double sumSquares = 0;
        for (var i = 0; i < count; i++)
        {
            var q = Quantise(values[start + i], c.Quantum);
            sum += q;
            sumSquares += (double)q * q;
            min = Math.Min(min, q);
            max = Math.Max(max, q);
        }
        stats[chunk] = new ChunkStats { Count = count, Sum = sum, Min = min, Max = max, SumSquares = sumSquares };

        var m = new Message
        {
            Start = start, Narrow = min >= int.MinValue && max <= int.MaxValue, Quantum = c.Quantum,
        };
        m.Words = 1 + count * (m.Narrow ? 1 : 2);
        m.PaddedWords = (m.Words + 1 + 2 + 15) / 16 * 16;   // the 0x80 byte's word and the 64-bit length, in whole blocks
        var state = Sha256State.Initial;
        for (var block = 0; block < m.PaddedWords; block += 16)
            state = state.Plus(Compress(state, k, values, m, block));
        var d = chunk.X * 8;
        (digests[d], digests[d + 1], digests[d + 2], digests[d + 3]) = (state.A, state.B, state.C, state.D);
        (digests[d + 4], digests[d + 5], digests[d + 6], digests[d + 7]) = (state.E, state.F, state.G, state.H);
    }

    internal struct Message
    {
        public long Start;
        public int Words, PaddedWords;
        public bool Narrow;
        public double Quantum;
    }

    /// <summary>Word i (big-endian, as SHA-256 reads it) of the chunk's padded message.</summary>
    private static uint Word(ArrayView<float> values, Message m, int i)
    {
        if (i == 0) return Swap(m.Narrow ? 4u : 8u);
        if (i < m.Words)
        {
            // The two's-complement halves taken with masks, never by converting a negative long to an unsigned type:
            // on CUDA that conversion saturates (a negative value became 0; the H100 run's matmul and conv2d hashes
            // differed from the CPU's while stencil-heat, whose values are never negative, agreed).
            if (m.Narrow) return Swap(Low(Quantise(values[m.Start + i - 1], m.Quantum)));
            var q = Quantise(values[m.Start + ((i - 1) >> 1)], m.Quantum);
            return Swap((i - 1) % 2 == 0 ? Low(q) : Low(q >> 32));
        }
        if (i == m.Words) return 0x80000000u;
        var bits = (ulong)m.Words * 32;
        if (i == m.PaddedWords - 2) return (uint)(bits >> 32);
        return i == m.PaddedWords - 1 ? (uint)bits : 0u;
    }

    /// <summary>The 64 rounds over one 16-word block of the message.</summary>
    private static Sha256State Compress(Sha256State st, ArrayView<uint> k, ArrayView<float> values, Message m, int block)
    {
        var b = new Sha256Block
        {
            W0 = Word(values, m, block), W1 = Word(values, m, block + 1), W2 = Word(values, m, block + 2), W3 = Word(values, m, block + 3),
            W4 = Word(values, m, block + 4), W5 = Word(values, m, block + 5), W6 = Word(values, m, block + 6), W7 = Word(values, m, block + 7),
            W8 = Word(values, m, block + 8), W9 = Word(values, m, block + 9), W10 = Word(values, m, block + 10), W11 = Word(values, m, block + 11),
            W12 = Word(values, m, block + 12), W13 = Word(values, m, block + 13), W14 = Word(values, m, block + 14), W15 = Word(values, m, block + 15),
        };
        st = st.Round(k[0] + b.W0).Round(k[1] + b.W1).Round(k[2] + b.W2).Round(k[3] + b.W3).Round(k[4] + b.W4).Round(k[5] + b.W5).Round(k[6] + b.W6).Round(k[7] + b.W7);
        st = st.Round(k[8] + b.W8).Round(k[9] + b.W9).Round(k[10] + b.W10).Round(k[11] + b.W11).Round(k[12] + b.W12).Round(k[13] + b.W13).Round(k[14] + b.W14).Round(k[15] + b.W15);
        return Rounds16To63(st, k, b);
    }
}
