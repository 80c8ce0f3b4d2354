using Depin.Compute.Backends.Gpu;
using Depin.Compute.Kernels;
using Depin.Compute.Kernels.MatMul;

namespace Depin.Compute.Tests;

/// <summary>One ILGPU CPU accelerator (assertions on) for the class: compiling kernels is the slow part.</summary>
public sealed class SimulatedDevice : IDisposable
{
    public IlgpuBackend Backend { get; } = IlgpuBackend.CreateCpuSimulator();

    public void Dispose() => Backend.Dispose();
}

/// <summary>
/// Every kernel's ILGPU implementation, run on ILGPU's CPU accelerator, against the scalar reference, on awkward
/// sizes: 1, primes, and sizes that do not divide the device tiles (128 for GEMM, 32×32 for conv2d, 32×8 for the
/// stencil, 256 bodies, 256 × 1024 alignment tiles).
/// </summary>
public sealed class DeviceKernelTests(SimulatedDevice simulated) : IClassFixture<SimulatedDevice>
{
    public static TheoryData<string, string> Cases => new()
    {
        { "matmul", """{"n":1}""" },
        { "matmul", """{"m":13,"n":9,"k":31,"seed":4}""" },
        { "matmul", """{"m":131,"n":257,"k":17,"seed":2}""" },
        { "montecarlo-option", """{"spotCents":10000,"strikeCents":10500,"volatilityBps":2000,"rateBps":300,"maturityDays":365,"paths":200002,"seed":3}""" },
        { "montecarlo-option", """{"spotCents":5000,"strikeCents":4000,"volatilityBps":3500,"maturityDays":30,"paths":14,"seed":9}""" },
        { "montecarlo-option", """{"spotCents":10000,"strikeCents":1000,"volatilityBps":2000,"maturityDays":365,"paths":2,"seed":2}""" },
        { "stencil-heat", """{"width":3,"height":3,"steps":4}""" },
        { "stencil-heat", """{"width":37,"height":29,"steps":25,"seed":2}""" },
        { "stencil-heat", """{"width":131,"height":67,"steps":50,"seed":5}""" },
        { "nbody", """{"bodies":2,"steps":3}""" },
        { "nbody", """{"bodies":61,"steps":20,"seed":7}""" },
        { "nbody", """{"bodies":257,"steps":3,"seed":3}""" },
        { "conv2d", """{"width":1,"height":1,"kernelSize":3}""" },
        { "conv2d", """{"width":31,"height":17,"kernelSize":5,"seed":6}""" },
        { "conv2d", """{"width":97,"height":37,"kernelSize":15,"seed":8}""" },
        { "smith-waterman", """{"lengthA":1,"lengthB":1}""" },
        { "smith-waterman", """{"lengthA":37,"lengthB":101,"seed":3}""" },
        { "smith-waterman", """{"lengthA":300,"lengthB":1031,"match":3,"mismatch":2,"gap":1,"seed":2}""" },
        { "smith-waterman", """{"lengthA":613,"lengthB":17,"seed":5}""" },
        { "sha256-pow", """{"difficulty":1}""" },
        { "sha256-pow", """{"difficulty":14,"seed":5}""" },
        { "mlp-inference", """{"batch":1,"inputs":1,"hidden":1,"outputs":1}""" },
        { "mlp-inference", """{"batch":33,"inputs":17,"hidden":29,"layers":3,"outputs":10,"seed":4}""" },
        { "mlp-inference", """{"batch":131,"inputs":7,"hidden":130,"layers":1,"outputs":3,"seed":6}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Device_path_equals_the_scalar_reference(string kernel, string json)
    {
        var v = KernelContractTests.Valid(kernel, json);
        simulated.Backend.TakeTimings();
        var device = v.Kernel!.Run(v.Parameters!, simulated.Backend, null, CancellationToken.None);
        Assert.True(simulated.Backend.TakeTimings().Transfer > TimeSpan.Zero, $"{kernel} did not run on the device");
        var reference = v.Kernel.RunReference(v.Parameters!, CancellationToken.None);
        Assert.Equal(reference.Units, device.Units);
        Assert.Null(SummaryComparison.FirstDifference(v.Kernel, reference, device));
        // On one device the fixed reduction order makes the floating-point kernels repeatable too.
        if (v.Kernel.ReferenceTolerance != 0)
            Assert.Equal(device.Hash, v.Kernel.Run(v.Parameters!, simulated.Backend, null, CancellationToken.None).Hash);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 3, 5)]
    [InlineData(129, 127, 9)]
    [InlineData(64, 300, 131)]
    public void Device_gemm_writes_every_element_of_any_shape(int m, int n, int k)
    {
        var a = Enumerable.Range(0, m * k).Select(i => (float)(i % 7 - 3)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(i => (float)(i % 5 - 2)).ToArray();
        var expected = new float[m * n];
        MatMulReference.Multiply(a, b, expected, m, n, k, CancellationToken.None);
        var actual = Enumerable.Repeat(float.NaN, m * n).ToArray();   // poisoned: an unwritten element fails
        simulated.Backend.Sgemm(a, b, actual, m, n, k, null, CancellationToken.None);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_cancelled_job_stops_before_the_device_runs()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        foreach (var kernel in KernelCatalog.All)
        {
            var json = Cases.Select(c => ((string)c[0], (string)c[1])).Last(c => c.Item1 == kernel.Name).Item2;
            var v = KernelContractTests.Valid(kernel.Name, json);
            Assert.ThrowsAny<OperationCanceledException>(() => kernel.Run(v.Parameters!, simulated.Backend, null, cts.Token));
        }
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(1023, 4096.0)]
    [InlineData(3 * 1024 + 17, 64.0)]
    public void Device_hash_equals_the_host_hash_for_narrow_wide_and_partial_chunks(int length, double quantum)
    {
        // Chunk 0 fits in int32; chunk 1 needs int64 (and negative values); chunk 2 ties at .5 (banker's rounding); the last is partial.
        var values = new float[length];
        for (var i = 0; i < length; i++)
            values[i] = (i / 1024) switch
            {
                0 => (i % 7) - 3.25f,
                1 => (i % 2 == 0 ? 1 : -1) * 3.0e9f * (1 + i % 5),
                _ => i + 0.5f / (float)quantum,
            };
        using var onHost = new Depin.Compute.Hashing.CanonicalHash("test/v2");
        var hostStats = onHost.AddQuantised(values, quantum);
        var device = simulated.Backend;
        using var onDevice = new Depin.Compute.Hashing.CanonicalHash("test/v2");
        Depin.Compute.Hashing.QuantisedStats deviceStats;
        using (device.Claim())
        {
            using var buffer = device.Upload<float>(values);
            deviceStats = Depin.Compute.Backends.Gpu.DeviceHash.AddQuantised(device, onDevice, buffer.View, length, quantum);
        }
        Assert.Equal(hostStats, deviceStats);
        Assert.Equal(onHost.Finish(), onDevice.Finish());
    }
}
