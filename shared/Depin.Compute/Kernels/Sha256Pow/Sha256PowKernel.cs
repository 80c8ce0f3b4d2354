using System.Buffers.Binary;
using System.Security.Cryptography;
using Depin.Compute.Backends;
using Depin.Compute.Hashing;
using Depin.Compute.Parameters;
using System.Runtime.Intrinsics;

namespace Depin.Compute.Kernels.Sha256Pow;

/// <summary>
/// Proof of work: the smallest nonce n such that SHA-256(header ‖ n as 8 bytes little-endian) starts
/// with `difficulty` zero bits, where the 32-byte header is derived from the seed. "Smallest" makes the
/// answer unique, so every node and thread count finds the same one. The search stops at
/// 64 × 2^difficulty nonces (found with probability 1 − e^−64). One unit = 10^6 hashes, metered as the
/// nonces a sequential search needs (nonce + 1); the escrow estimate is 8 × 2^difficulty.
/// </summary>
public sealed partial class Sha256PowKernel : IKernel
{
    private const int ChunkNonces = 1 << 16;

    public string Name => "sha256-pow";
    public string Description => "Find the smallest nonce whose SHA-256 has N leading zero bits";

    public ParameterSchema Schema { get; } = new(
        new ParameterSpec("difficulty", 1, 32, null, "leading zero bits required"),
        new ParameterSpec("seed", 0, long.MaxValue, 1, "seed of the block header"));

    public string CostModel => "⌊8 · 2^difficulty / 1,000,000⌋ (expected hashes per million), at least 1";

    public long EstimateUnits(KernelParameters p) => Math.Max(1, (8L << p.Int("difficulty")) / 1_000_000);

    public KernelResult Run(KernelParameters p, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        var (header, difficulty, limit) = Inputs(p);
        if (backend is Backends.Gpu.IlgpuBackend device) return Summarise(p, header, DeviceSearch(header, difficulty, limit, device, progress, ct));
        long best = long.MaxValue;
        long nextChunk = 0;
        var hasher = new Sha256x8(header);
        // The first digest word has `difficulty` leading zero bits exactly when it is below this bound.
        var bound = Vector256.Create(difficulty >= 32 ? 1u : 1u << (32 - difficulty));
        var workers = Enumerable.Range(0, backend.Parallelism).Select(_ => Task.Run(() =>
        {
            Span<byte> message = stackalloc byte[40];
            Span<byte> digest = stackalloc byte[32];
            header.CopyTo(message);
            while (true)
            {
                var start = Interlocked.Add(ref nextChunk, ChunkNonces) - ChunkNonces;
                // Chunks are claimed in increasing order, so once a nonce is found no later chunk can beat it.
                if (start >= Volatile.Read(ref best) || start >= limit || ct.IsCancellationRequested) return;
                var end = Math.Min(start + ChunkNonces, limit);
                for (var first = start; first < end; first += 8)
                {
                    if (!Vector256.LessThanAny(hasher.FirstWord(first), bound)) continue;
                    // A lane qualifies: confirm with the reference hash and take the smallest such nonce.
                    var found = -1L;
                    for (var nonce = first; nonce < Math.Min(first + 8, end) && found < 0; nonce++)
                    {
                        BinaryPrimitives.WriteInt64LittleEndian(message[32..], nonce);
                        SHA256.HashData(message, digest);
                        if (LeadingZeroBits(digest) >= difficulty) found = nonce;
                    }
                    if (found < 0) continue;
                    long seen;
                    do { seen = Volatile.Read(ref best); } while (found < seen && Interlocked.CompareExchange(ref best, found, seen) != seen);
                    break;
                }
                progress?.Report(Math.Min(1, (double)end / limit));
            }
        }, ct)).ToArray();
        Task.WaitAll(workers, ct);
        ct.ThrowIfCancellationRequested();
        return Summarise(p, header, best == long.MaxValue ? null : best);
    }

    public KernelResult RunReference(KernelParameters p, CancellationToken ct)
    {
        var (header, difficulty, limit) = Inputs(p);
        var message = new byte[40];
        header.CopyTo(message, 0);
        for (long nonce = 0; nonce < limit; nonce++)
        {
            if ((nonce & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(32), nonce);
            if (LeadingZeroBits(SHA256.HashData(message)) >= difficulty) return Summarise(p, header, nonce);
        }
        return Summarise(p, header, null);
    }

    private static (byte[] Header, int Difficulty, long Limit) Inputs(KernelParameters p)
    {
        var header = new byte[32];
        for (var i = 0; i < 4; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(i * 8), SeededInputs.Mix((ulong)p["seed"], 7, (ulong)i));
        return (header, p.Int("difficulty"), 64L << p.Int("difficulty"));
    }

    internal static int LeadingZeroBits(ReadOnlySpan<byte> digest)
    {
        var zeros = 0;
        foreach (var b in digest)
        {
            if (b != 0) return zeros + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
            zeros += 8;
        }
        return zeros;
    }

    private KernelResult Summarise(KernelParameters p, byte[] header, long? nonce)
    {
        var message = new byte[40];
        header.CopyTo(message, 0);
        BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(32), nonce ?? -1);
        var digest = Convert.ToHexStringLower(SHA256.HashData(message));
        using var hash = new CanonicalHash($"sha256-pow/v1/{p["difficulty"]}/{Convert.ToHexStringLower(header)}");
        hash.Add(nonce ?? -1);
        var hashesNeeded = nonce is { } n ? n + 1 : 64L << p.Int("difficulty");
        return KernelSummary.Result(hash.Finish(),
            new { difficulty = p["difficulty"], seed = p["seed"], found = nonce is not null, nonce, digest = nonce is null ? null : digest, hashesNeeded },
            Math.Max(1, (hashesNeeded + 999_999) / 1_000_000));
    }
}
