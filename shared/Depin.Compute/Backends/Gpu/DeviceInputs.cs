using Depin.Compute.Hashing;
using ILGPU;
using ILGPU.Runtime;

namespace Depin.Compute.Backends.Gpu;

/// <summary>
/// Seeded inputs generated where they are used: <see cref="SeededInputs"/> is a pure function of (seed, stream,
/// index), so the device computes the same values the host would, bit for bit, and nothing crosses the bus.
/// </summary>
internal static class DeviceInputs
{
    internal struct Uniform
    {
        public ulong Seed, Stream;
        public uint Range;
        public float Scale, Offset;
    }

    internal struct Signed
    {
        public ulong Seed, Stream;
        public float Scale;
    }

    /// <summary>target[i] = offset + scale · q(i), as <see cref="SeededInputs.FillUniformIntegers(float[], ulong, ulong, uint, float, float)"/>.</summary>
    public static void FillUniformIntegers(IlgpuBackend device, ArrayView<float> target, ulong seed, ulong stream, uint range, float scale, float offset)
    {
        if (target.Length == 0) return;
        var kernel = device.Kernel("inputs-uniform", acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, Uniform>(UniformKernel));
        kernel((int)target.Length, target, new Uniform { Seed = seed, Stream = stream, Range = range, Scale = scale, Offset = offset });
    }

    /// <summary>target[i] = scale · (u(i) − 1) with u uniform in [0, 2): the MLP's weights, biases and inputs.</summary>
    public static void FillSigned(IlgpuBackend device, ArrayView<float> target, ulong seed, ulong stream, float scale)
    {
        if (target.Length == 0) return;
        var kernel = device.Kernel("inputs-signed", acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, Signed>(SignedKernel));
        kernel((int)target.Length, target, new Signed { Seed = seed, Stream = stream, Scale = scale });
    }

    /// <summary>The integer q(index) in [0, range) both fills use: the top 32 bits of the draw times range, shifted down.</summary>
    public static int UniformInteger(ulong seed, ulong stream, long index, uint range) =>
        (int)(((SeededInputs.Mix(seed, stream, (ulong)index) >> 32) * range) >> 32);

    private static void UniformKernel(Index1D i, ArrayView<float> target, Uniform u) =>
        target[i] = ExactFloat.Add(u.Offset, ExactFloat.Mul(u.Scale, UniformInteger(u.Seed, u.Stream, (int)i, u.Range)));

    private static void SignedKernel(Index1D i, ArrayView<float> target, Signed s) =>
        target[i] = ExactFloat.Mul(s.Scale, (SeededInputs.Mix(s.Seed, s.Stream, (ulong)(int)i) >> 40) / (float)(1 << 23) - 1f);
}
