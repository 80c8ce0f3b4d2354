using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Depin.Compute.Numerics;

/// <summary>
/// Single-precision exp and log for 8 lanes: range reduction plus the classic Cephes minimax
/// polynomials (about 1 ulp on the ranges used). Only +, ×, conversions and bit operations, never a
/// fused multiply-add, so results are the same on every x64 CPU; and about 10× faster than the BCL's
/// float Vector256.Exp/Log on this hardware, which dominate a Monte Carlo path otherwise.
/// </summary>
internal static class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-87.3f)), Vector256.Create(88.3f));
        // x = n·ln2 + r with |r| ≤ ln2/2; ln2 split in two so n·ln2 is exact.
        var n = Vector256.Floor(x * Vector256.Create(1.44269504088896341f) + Vector256.Create(0.5f));
        var r = x - n * Vector256.Create(0.693359375f) - n * Vector256.Create(-2.12194440e-4f);
        var p = Vector256.Create(1.9875691500e-4f);
        p = p * r + Vector256.Create(1.3981999507e-3f);
        p = p * r + Vector256.Create(8.3334519073e-3f);
        p = p * r + Vector256.Create(4.1665795894e-2f);
        p = p * r + Vector256.Create(1.6666665459e-1f);
        p = p * r + Vector256.Create(5.0000001201e-1f);
        var y = p * (r * r) + r + Vector256<float>.One;
        var scale = ((Vector256.ConvertToInt32(n) + Vector256.Create(127)) << 23).AsSingle();   // 2^n
        return y * scale;
    }

    /// <summary>Natural log for x &gt; 0 (the callers pass uniforms in (0, 1)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var exponent = Vector256.ConvertToSingle((bits >>> 23) - Vector256.Create(126));
        var mantissa = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F000000)).AsSingle();   // in [0.5, 1)
        // Keep the mantissa in [√½, √2): below √½, double it and take one from the exponent.
        var small = Vector256.LessThan(mantissa, Vector256.Create(0.707106781186547524f));
        exponent -= Vector256.ConditionalSelect(small, Vector256<float>.One, Vector256<float>.Zero);
        var m = mantissa + Vector256.ConditionalSelect(small, mantissa, Vector256<float>.Zero) - Vector256<float>.One;
        var z = m * m;
        var p = Vector256.Create(7.0376836292e-2f);
        p = p * m + Vector256.Create(-1.1514610310e-1f);
        p = p * m + Vector256.Create(1.1676998740e-1f);
        p = p * m + Vector256.Create(-1.2420140846e-1f);
        p = p * m + Vector256.Create(1.4249322787e-1f);
        p = p * m + Vector256.Create(-1.6668057665e-1f);
        p = p * m + Vector256.Create(2.0000714765e-1f);
        p = p * m + Vector256.Create(-2.4999993993e-1f);
        p = p * m + Vector256.Create(3.3333331174e-1f);
        var y = p * m * z + exponent * Vector256.Create(-2.12194440e-4f) - Vector256.Create(0.5f) * z;
        return m + y + exponent * Vector256.Create(0.693359375f);
    }

    // The same functions, 16 lanes wide, for CPUs that execute AVX-512 (used only when Vector512 is accelerated).

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-87.3f)), Vector512.Create(88.3f));
        var n = Vector512.Floor(x * Vector512.Create(1.44269504088896341f) + Vector512.Create(0.5f));
        var r = x - n * Vector512.Create(0.693359375f) - n * Vector512.Create(-2.12194440e-4f);
        var p = Vector512.Create(1.9875691500e-4f);
        p = p * r + Vector512.Create(1.3981999507e-3f);
        p = p * r + Vector512.Create(8.3334519073e-3f);
        p = p * r + Vector512.Create(4.1665795894e-2f);
        p = p * r + Vector512.Create(1.6666665459e-1f);
        p = p * r + Vector512.Create(5.0000001201e-1f);
        var y = p * (r * r) + r + Vector512<float>.One;
        return y * ((Vector512.ConvertToInt32(n) + Vector512.Create(127)) << 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        var bits = x.AsInt32();
        var exponent = Vector512.ConvertToSingle((bits >>> 23) - Vector512.Create(126));
        var mantissa = ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F000000)).AsSingle();
        var small = Vector512.LessThan(mantissa, Vector512.Create(0.707106781186547524f));
        exponent -= Vector512.ConditionalSelect(small, Vector512<float>.One, Vector512<float>.Zero);
        var m = mantissa + Vector512.ConditionalSelect(small, mantissa, Vector512<float>.Zero) - Vector512<float>.One;
        var z = m * m;
        var p = Vector512.Create(7.0376836292e-2f);
        p = p * m + Vector512.Create(-1.1514610310e-1f);
        p = p * m + Vector512.Create(1.1676998740e-1f);
        p = p * m + Vector512.Create(-1.2420140846e-1f);
        p = p * m + Vector512.Create(1.4249322787e-1f);
        p = p * m + Vector512.Create(-1.6668057665e-1f);
        p = p * m + Vector512.Create(2.0000714765e-1f);
        p = p * m + Vector512.Create(-2.4999993993e-1f);
        p = p * m + Vector512.Create(3.3333331174e-1f);
        var y = p * m * z + exponent * Vector512.Create(-2.12194440e-4f) - Vector512.Create(0.5f) * z;
        return m + y + exponent * Vector512.Create(0.693359375f);
    }
}
