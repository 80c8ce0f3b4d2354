using System.Runtime.Intrinsics;
using Depin.Compute.Backends;
using Depin.Compute.Hashing;
using Depin.Compute.Parameters;

namespace Depin.Compute.Kernels.NBody;

/// <summary>
/// Gravitational n-body (G = 1, softening ε² = 0.01, dt = 0.001, semi-implicit Euler) from seeded
/// positions in the unit cube and masses summing to about 1. Each body's acceleration is summed by one
/// thread in a fixed order, so the result does not depend on the thread count; the scalar reference sums
/// in another order, so the two agree within a tolerance. One unit = 10^6 pairwise interactions.
/// </summary>
public sealed partial class NBodyKernel : IKernel
{
    private const float Dt = 0.001f, Softening = 0.01f;

    public string Name => "nbody";
    public string Description => "Gravitational n-body simulation of seeded bodies";
    public double ReferenceTolerance => 1e-3;

    public ParameterSchema Schema { get; } = new(
        new ParameterSpec("bodies", 2, 32_768, null, "number of bodies"),
        new ParameterSpec("steps", 1, 1_000, null, "time steps"),
        new ParameterSpec("seed", 0, long.MaxValue, 1, "seed of positions and masses"));

    public string CostModel => "⌈bodies² · steps / 1,000,000⌉ (pair interactions per million), at least 1";

    public long EstimateUnits(KernelParameters p) => Math.Max(1, (p["bodies"] * p["bodies"] * p["steps"] + 999_999) / 1_000_000);

    private sealed class Bodies(int count, int padded)
    {
        public readonly int Count = count;
        public readonly float[] X = new float[padded], Y = new float[padded], Z = new float[padded], M = new float[padded];
        public readonly float[] Vx = new float[padded], Vy = new float[padded], Vz = new float[padded];
        public readonly float[] Ax = new float[padded], Ay = new float[padded], Az = new float[padded];
    }

    public KernelResult Run(KernelParameters p, IComputeBackend backend, IProgress<double>? progress, CancellationToken ct)
    {
        if (backend is Backends.Gpu.IlgpuBackend device) return RunOnDevice(p, device, progress, ct);
        var b = Inputs(p);
        var options = KernelSummary.Options(backend, ct);
        var eps = Vector256.Create(Softening);
        var steps = p.Int("steps");
        var blocks = (b.Count + 63) / 64;
        for (var step = 0; step < steps; step++)
        {
            Parallel.For(0, blocks, options, block =>
            {
                for (var i = block * 64; i < Math.Min(b.Count, block * 64 + 64); i++)
                {
                    var (xi, yi, zi) = (Vector256.Create(b.X[i]), Vector256.Create(b.Y[i]), Vector256.Create(b.Z[i]));
                    Vector256<float> ax = default, ay = default, az = default;
                    for (var j = 0; j < b.X.Length; j += 8)
                    {
                        var dx = Vector256.Create<float>(b.X.AsSpan(j)) - xi;
                        var dy = Vector256.Create<float>(b.Y.AsSpan(j)) - yi;
                        var dz = Vector256.Create<float>(b.Z.AsSpan(j)) - zi;
                        var r2 = dx * dx + dy * dy + dz * dz + eps;
                        var inv = Vector256<float>.One / Vector256.Sqrt(r2);
                        var s = Vector256.Create<float>(b.M.AsSpan(j)) * inv * inv * inv;
                        ax += dx * s;
                        ay += dy * s;
                        az += dz * s;
                    }
                    (b.Ax[i], b.Ay[i], b.Az[i]) = (Vector256.Sum(ax), Vector256.Sum(ay), Vector256.Sum(az));
                }
            });
            Advance(b);
            if (progress is not null && step % 8 == 0) progress.Report((double)(step + 1) / steps);
        }
        return Summarise(p, b);
    }

    public KernelResult RunReference(KernelParameters p, CancellationToken ct)
    {
        var b = Inputs(p);
        for (var step = 0; step < p.Int("steps"); step++)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < b.Count; i++)
            {
                float ax = 0, ay = 0, az = 0;
                for (var j = 0; j < b.Count; j++)
                {
                    float dx = b.X[j] - b.X[i], dy = b.Y[j] - b.Y[i], dz = b.Z[j] - b.Z[i];
                    var inv = 1f / MathF.Sqrt(dx * dx + dy * dy + dz * dz + Softening);
                    var s = b.M[j] * inv * inv * inv;
                    ax += dx * s;
                    ay += dy * s;
                    az += dz * s;
                }
                (b.Ax[i], b.Ay[i], b.Az[i]) = (ax, ay, az);
            }
            Advance(b);
        }
        return Summarise(p, b);
    }

    private static void Advance(Bodies b)
    {
        for (var i = 0; i < b.Count; i++)
        {
            b.Vx[i] += b.Ax[i] * Dt; b.Vy[i] += b.Ay[i] * Dt; b.Vz[i] += b.Az[i] * Dt;
            b.X[i] += b.Vx[i] * Dt; b.Y[i] += b.Vy[i] * Dt; b.Z[i] += b.Vz[i] * Dt;
        }
    }

    /// <summary>Padded to whole vectors with massless bodies at the origin, which pull on nothing.</summary>
    private static Bodies Inputs(KernelParameters p)
    {
        var n = p.Int("bodies");
        var b = new Bodies(n, (n + 7) / 8 * 8);
        var seed = (ulong)p["seed"];
        static float Unit(ulong bits) => (bits >> 40) / (float)(1 << 24);
        for (var i = 0; i < n; i++)
        {
            b.X[i] = 2 * Unit(SeededInputs.Mix(seed, 41, (ulong)i)) - 1;
            b.Y[i] = 2 * Unit(SeededInputs.Mix(seed, 42, (ulong)i)) - 1;
            b.Z[i] = 2 * Unit(SeededInputs.Mix(seed, 43, (ulong)i)) - 1;
            b.M[i] = (0.5f + Unit(SeededInputs.Mix(seed, 44, (ulong)i))) / n;
        }
        return b;
    }

    private KernelResult Summarise(KernelParameters p, Bodies b)
    {
        using var hash = new CanonicalHash($"nbody/v2/{p["bodies"]}/{p["steps"]}");
        double kinetic = 0, cx = 0, cy = 0, cz = 0, mass = 0;
        var positions = new float[3 * b.Count];
        for (var i = 0; i < b.Count; i++) (positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]) = (b.X[i], b.Y[i], b.Z[i]);
        hash.AddQuantised(positions, 1024);
        for (var i = 0; i < b.Count; i++)
        {
            kinetic += 0.5 * b.M[i] * ((double)b.Vx[i] * b.Vx[i] + (double)b.Vy[i] * b.Vy[i] + (double)b.Vz[i] * b.Vz[i]);
            (cx, cy, cz, mass) = (cx + b.M[i] * b.X[i], cy + b.M[i] * b.Y[i], cz + b.M[i] * b.Z[i], mass + b.M[i]);
        }
        return KernelSummary.Result(hash.Finish(), new
        {
            bodies = p["bodies"], steps = p["steps"], seed = p["seed"],
            kineticEnergy = kinetic, centerOfMass = new[] { cx / mass, cy / mass, cz / mass },
        }, EstimateUnits(p));
    }
}
