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
    public static System.Runtime.Intrinsics.Vector256<ulong> Mix(ulong seed, ulong stream, System.Runtime.Intrinsics.Vector256<ulong> index)
    {
        var z = System.Runtime.Intrinsics.Vector256.Create(seed * 0x9E3779B97F4A7C15UL + stream * 0xD1B54A32D192ED03UL + 0x632BE59BD9B4E019UL)
                + index * System.Runtime.Intrinsics.Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 30)) * System.Runtime.Intrinsics.Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * System.Runtime.Intrinsics.Vector256.Create(0x94D049BB133111EBUL);
        return z ^ (z >>> 31);
    }

    /// <summary>Small integers in [-range, range] as floats: sums of their products stay exact in float32 for our sizes.</summary>
    public static void FillSmallIntegers(float[] target, ulong seed, ulong stream, int range)
    {
        var span = (ulong)(2 * range + 1);
        Fill(target, i => (float)((long)(Mix(seed, stream, (ulong)i) % span) - range));
    }

    /// <summary>target[i] = value(i) on all cores; the values depend only on i.</summary>
    public static void Fill(float[] target, Func<long, float> value) =>
        Parallel.For(0, (target.Length + 65_535) / 65_536, chunk =>
        {
            var end = Math.Min(target.Length, (chunk + 1) * 65_536L);
            for (long i = chunk * 65_536L; i < end; i++) target[i] = value(i);
        });
}
