using System.Runtime.Intrinsics;
using Depin.Compute.Numerics;

namespace Depin.Compute.Tests;

public class VectorMathTests
{
    [Fact]
    public void Exp_and_log_agree_with_the_runtime_to_a_few_ulps()
    {
        for (var i = 0; i < 20_000; i++)
        {
            var x = -30f + i * 0.003f;
            var u = (i + 0.5f) / 20_000f;
            var exp = VectorMath.Exp(Vector256.Create(x)).GetElement(3);
            var log = VectorMath.Log(Vector256.Create(u)).GetElement(5);
            Assert.True(Math.Abs(exp - MathF.Exp(x)) <= 4e-7f * MathF.Exp(x), $"exp({x}) = {exp}, expected {MathF.Exp(x)}");
            Assert.True(Math.Abs(log - MathF.Log(u)) <= 4e-7f * Math.Max(1, Math.Abs(MathF.Log(u))), $"log({u}) = {log}, expected {MathF.Log(u)}");
        }
    }
}
