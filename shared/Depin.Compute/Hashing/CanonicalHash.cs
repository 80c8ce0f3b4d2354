using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Depin.Compute.Hashing;

/// <summary>
/// SHA-256 over a kernel's header and its quantised output, so replicas on different hardware agree:
/// floats are rounded to a fixed grid (1/quantum) before hashing.
/// </summary>
public sealed class CanonicalHash : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[8 * 1024];
    private int _used;

    public CanonicalHash(string header) => _sha.AppendData(Encoding.UTF8.GetBytes(header));

    public void Add(long value)
    {
        if (_used + 8 > _buffer.Length) Flush();
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_used), value);
        _used += 8;
    }

    public void AddQuantised(ReadOnlySpan<float> values, double quantum)
    {
        foreach (var v in values) Add((long)Math.Round(v * quantum, MidpointRounding.ToEven));
    }

    public string Finish()
    {
        Flush();
        return Convert.ToHexStringLower(_sha.GetHashAndReset());
    }

    private void Flush()
    {
        _sha.AppendData(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose() => _sha.Dispose();
}
