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

public class Sha256x8Tests
{
    [Fact]
    public void Eight_lane_sha256_matches_the_runtime_for_every_lane()
    {
        var header = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var hasher = new Kernels.Sha256Pow.Sha256x8(header);
        var message = new byte[40];
        header.CopyTo(message, 0);
        foreach (var first in new[] { 0L, 8, 1_000_003, 0x1_0000_0007, long.MaxValue - 8 })
        {
            var words = hasher.FirstWord(first);
            for (var lane = 0; lane < 8; lane++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(32), first + lane);
                var expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(System.Security.Cryptography.SHA256.HashData(message));
                Assert.Equal(expected, words.GetElement(lane));
            }
        }
    }
}
