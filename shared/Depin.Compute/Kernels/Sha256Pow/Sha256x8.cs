using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Depin.Compute.Kernels.Sha256Pow;

/// <summary>
/// SHA-256 of eight 40-byte messages at once (header ‖ nonce), one per 32-bit lane, returning the first
/// digest word of each. The message is a single block whose first 8 words (the header) are the same in
/// every lane, so the first 8 rounds are computed once per header (the midstate).
/// </summary>
internal sealed class Sha256x8
{
    internal static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    internal static readonly uint[] Initial = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    private readonly uint[] _header = new uint[8];
    private readonly uint[] _midstate = new uint[8];

    /// <summary>The header as eight big-endian words: the message's first half.</summary>
    internal ReadOnlySpan<uint> Header => _header;

    /// <summary>The state after the first 8 rounds, which see only the header.</summary>
    internal ReadOnlySpan<uint> Midstate => _midstate;

    public Sha256x8(ReadOnlySpan<byte> header32)
    {
        for (var i = 0; i < 8; i++) _header[i] = BinaryPrimitives.ReadUInt32BigEndian(header32[(i * 4)..]);
        Span<uint> s = stackalloc uint[8];
        Initial.CopyTo(s);
        for (var t = 0; t < 8; t++)
        {
            var t1 = s[7] + (Rotr(s[4], 6) ^ Rotr(s[4], 11) ^ Rotr(s[4], 25)) + ((s[4] & s[5]) ^ (~s[4] & s[6])) + K[t] + _header[t];
            var t2 = (Rotr(s[0], 2) ^ Rotr(s[0], 13) ^ Rotr(s[0], 22)) + ((s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]));
            (s[7], s[6], s[5], s[4], s[3], s[2], s[1], s[0]) = (s[6], s[5], s[4], s[3] + t1, s[2], s[1], s[0], t1 + t2);
        }
        s.CopyTo(_midstate);
    }

    private static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Rotr(Vector256<uint> x, int n) => (x >>> n) | (x << (32 - n));

    /// <summary>The first digest word (big-endian) for nonces first … first + 7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Vector256<uint> FirstWord(long first)
    {
        Span<uint> lo = stackalloc uint[8], hi = stackalloc uint[8];
        for (var i = 0; i < 8; i++)
        {
            var nonce = (ulong)(first + i);   // little-endian bytes, read as big-endian words
            lo[i] = BinaryPrimitives.ReverseEndianness((uint)nonce);
            hi[i] = BinaryPrimitives.ReverseEndianness((uint)(nonce >> 32));
        }
        Span<Vector256<uint>> w = stackalloc Vector256<uint>[16];
        for (var i = 0; i < 8; i++) w[i] = Vector256.Create(_header[i]);
        w[8] = Vector256.Create<uint>(lo);
        w[9] = Vector256.Create<uint>(hi);
        w[10] = Vector256.Create(0x80000000u);
        for (var i = 11; i < 15; i++) w[i] = Vector256<uint>.Zero;
        w[15] = Vector256.Create(320u);

        Vector256<uint> a = Vector256.Create(_midstate[0]), b = Vector256.Create(_midstate[1]), c = Vector256.Create(_midstate[2]), d = Vector256.Create(_midstate[3]);
        Vector256<uint> e = Vector256.Create(_midstate[4]), f = Vector256.Create(_midstate[5]), g = Vector256.Create(_midstate[6]), h = Vector256.Create(_midstate[7]);
        for (var t = 8; t < 64; t++)
        {
            Vector256<uint> wt;
            if (t < 16) wt = w[t];
            else
            {
                var w15 = w[(t - 15) & 15];
                var w2 = w[(t - 2) & 15];
                wt = w[t & 15] + (Rotr(w15, 7) ^ Rotr(w15, 18) ^ (w15 >>> 3)) + w[(t - 7) & 15] + (Rotr(w2, 17) ^ Rotr(w2, 19) ^ (w2 >>> 10));
                w[t & 15] = wt;
            }
            var t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ Vector256.AndNot(g, e)) + Vector256.Create(K[t]) + wt;
            var t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        return a + Vector256.Create(Initial[0]);
    }
}
