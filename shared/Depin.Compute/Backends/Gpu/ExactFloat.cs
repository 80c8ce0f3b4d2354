using ILGPU.Runtime.Cuda;

namespace Depin.Compute.Backends.Gpu;

/// <summary>
/// Single-precision add, subtract and multiply, each rounded on its own. ILGPU emits plain add.f32 and
/// mul.f32, which the PTX assembler may fuse into one multiply-add (one rounding fewer), so a kernel that
/// must match the CPU bit for bit writes its arithmetic with these: on CUDA they are inline PTX with an
/// explicit rounding mode (.rn), which the assembler never fuses; elsewhere plain C# operators.
/// </summary>
internal static class ExactFloat
{
    public static float Add(float a, float b)
    {
        if (!CudaAsm.IsSupported) return a + b;
        CudaAsm.Emit("add.rn.f32 %0, %1, %2;", out float r, a, b);
        return r;
    }

    public static float Sub(float a, float b)
    {
        if (!CudaAsm.IsSupported) return a - b;
        CudaAsm.Emit("sub.rn.f32 %0, %1, %2;", out float r, a, b);
        return r;
    }

    public static float Mul(float a, float b)
    {
        if (!CudaAsm.IsSupported) return a * b;
        CudaAsm.Emit("mul.rn.f32 %0, %1, %2;", out float r, a, b);
        return r;
    }
}
