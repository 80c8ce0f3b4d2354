using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Depin.Compute.Kernels;

namespace Depin.Executor.Execution;

public enum FaultKind { None, Corrupt, Stall }

/// <summary>
/// A lying or broken node, for tests and demos (Executor:FaultMode): "none"; "corrupt" reports a wrong hash and summary for
/// every job; "corrupt:P" for a fraction P of them; "stall" takes jobs and never reports. Refused at start unless
/// Executor:AllowFaultModes is true, so no production node runs one by accident.
/// </summary>
public sealed record FaultMode(FaultKind Kind, double Rate)
{
    public static readonly FaultMode None = new(FaultKind.None, 0);

    public static bool TryParse(string? text, out FaultMode mode, out string? error)
    {
        (mode, error) = (None, null);
        var value = (text ?? "none").Trim().ToLowerInvariant();
        if (value is "" or "none") return true;
        if (value == "stall") { mode = new FaultMode(FaultKind.Stall, 1); return true; }
        if (value == "corrupt") { mode = new FaultMode(FaultKind.Corrupt, 1); return true; }
        if (value.StartsWith("corrupt:", StringComparison.Ordinal)
            && double.TryParse(value["corrupt:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is > 0 and <= 1)
        {
            mode = new FaultMode(FaultKind.Corrupt, rate);
            return true;
        }
        error = $"Executor:FaultMode must be none, corrupt, corrupt:P (0 < P <= 1) or stall (got '{text}')";
        return false;
    }

    /// <summary>Whether this job's result is to be a lie (every job, or a fraction of them drawn at random).</summary>
    public bool Corrupts(double draw) => Kind == FaultKind.Corrupt && draw < Rate;

    /// <summary>A wrong result that looks like a right one: another hash, and a summary no honest replica reports.</summary>
    public static KernelResult Corrupt(KernelResult honest) => honest with
    {
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("not " + honest.Hash))),
        SummaryJson = $$"""{"corrupted":{{honest.SummaryJson}}}""",
    };
}
