using System.Runtime.Intrinsics;

namespace Depin.Compute.Hashing;

/// <summary>
/// Counter-based deterministic inputs: value i of stream s under a seed is a pure function of
/// (seed, s, i), so any slice can be generated on any node, in parallel, identically.
/// </summary>
public static class SeededInputs
{
    public static ulong Mix(ulong seed, ulong stream, ulong index)
    {
        // SplitMix64 finaliser over a unique counter.
        var z = seed * 0x9E3779B97F4A7C15UL + stream * 0xD1B54A32D192ED03UL + index * 0xBF58476D1CE4E5B9UL + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary><see cref="Mix(ulong, ulong, ulong)"/> for four consecutive indices at once.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Mix(ulong seed, ulong stream, Vector256<ulong> index)
    {
        var z = Vector256.Create(seed * 0x9E3779B97F4A7C15UL + stream * 0xD1B54A32D192ED03UL + 0x632BE59BD9B4E019UL)
                + index * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return z ^ (z >>> 31);
    }

    /// <summary><see cref="Mix(ulong, ulong, ulong)"/> for eight consecutive indices at once.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Mix(ulong seed, ulong stream, Vector512<ulong> index)
    {
        var z = Vector512.Create(seed * 0x9E3779B97F4A7C15UL + stream * 0xD1B54A32D192ED03UL + 0x632BE59BD9B4E019UL) + index * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ (z >>> 31);
    }

    /// <summary>Small integers in [-range, range] as floats: sums of their products stay exact in float32 for our sizes.</summary>
    public static void FillSmallIntegers(float[] target, ulong seed, ulong stream, int range) =>
        FillUniformIntegers(target, seed, stream, (uint)(2 * range + 1), 1f, -range);

    /// <summary>
    /// target[i] = offset + scale · q(i), q(i) uniform in [0, range): the top 32 bits of Mix(seed, stream, i)
    /// times range, shifted down 32 (no division, so it vectorises). On all cores, in fixed chunks.
    /// </summary>
    public static void FillUniformIntegers(float[] target, ulong seed, ulong stream, uint range, float scale, float offset) =>
        Parallel.For(0, (target.Length + 65_535) / 65_536, chunk =>
        {
            var start = chunk * 65_536L;
            FillUniformIntegers(target.AsSpan((int)start, (int)Math.Min(65_536, target.Length - start)), start, seed, stream, range, scale, offset);
        });

    /// <summary>The same for a span whose first element is index firstIndex of the stream.</summary>
    public static void FillUniformIntegers(Span<float> target, long firstIndex, ulong seed, ulong stream, uint range, float scale, float offset)
    {
        var i = 0;
        var (vRange, vScale, vOffset) = (Vector256.Create((ulong)range),
            Vector256.Create(scale), Vector256.Create(offset));
        for (; i + 8 <= target.Length; i += 8)
        {
            var index = (ulong)(firstIndex + i);
            var first = Vector256.Create(index, index + 1, index + 2, index + 3);
            var lo = ((Mix(seed, stream, first) >>> 32) * vRange) >>> 32;
            var hi = ((Mix(seed, stream, first + Vector256.Create(4UL)) >>> 32) * vRange) >>> 32;
            var q = Vector256.ConvertToSingle(Vector256.Narrow(lo, hi).AsInt32());
            (vOffset + vScale * q).CopyTo(target[i..]);
        }
        for (; i < target.Length; i++)
            target[i] = offset + scale * (float)(int)(((Mix(seed, stream, (ulong)(firstIndex + i)) >> 32) * range) >> 32);
    }
}
