namespace Depin.Compute.Backends.Gpu;

/// <summary>
/// Four floats read or written as one 16-byte access: ILGPU emits a vector load (ld.v4) for a struct like
/// this when the address is known to be 16-byte aligned, as in shared memory allocated as Float4.
/// </summary>
internal struct Float4
{
    public float X, Y, Z, W;

    public Float4(float x, float y, float z, float w) => (X, Y, Z, W) = (x, y, z, w);
}
