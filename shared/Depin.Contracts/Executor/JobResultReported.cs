namespace Depin.Contracts.Executor;

/// <summary>
/// A node finished an attempt: the canonical result hash, the result document, the metered units, and the device class
/// that produced them (a floating-point kernel's hash compares only within one class; null means "cpu").
/// </summary>
public sealed record JobResultReported(Guid JobId, int Attempt, Guid NodeId, string ResultHash, string ResultJson, long Units, double ElapsedSeconds,
    DateTimeOffset ReportedAt, string? DeviceClass = null);
