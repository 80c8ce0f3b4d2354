namespace Depin.Contracts.Executor;

/// <summary>A node finished an attempt: the canonical result hash, the result document and the metered units.</summary>
public sealed record JobResultReported(Guid JobId, int Attempt, Guid NodeId, string ResultHash, string ResultJson, long Units, double ElapsedSeconds, DateTimeOffset ReportedAt);
