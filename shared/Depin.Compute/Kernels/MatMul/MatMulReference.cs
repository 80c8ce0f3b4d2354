namespace Depin.Compute.Kernels.MatMul;

/// <summary>The straightforward scalar GEMM: i-p-j loop order so the inner loop walks rows of B and C.</summary>
public static class MatMulReference
{
    public static void Multiply(float[] a, float[] b, float[] c, int m, int n, int k, CancellationToken ct)
    {
        Array.Clear(c);
        for (var i = 0; i < m; i++)
        {
            ct.ThrowIfCancellationRequested();
            var cRow = i * n;
            for (var p = 0; p < k; p++)
            {
                var aip = a[i * k + p];
                var bRow = p * n;
                for (var j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
            }
        }
    }
}
