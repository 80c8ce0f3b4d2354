namespace Depin.Contracts.Scheduler;

/// <summary>
/// Sent to one node's queue: run this kernel on this device class ("cpu" or "gpu"; null from a scheduler that
/// predates classes, meaning "cpu") and report before the lease deadline.
/// </summary>
public sealed record ExecuteJob(Guid JobId, int Attempt, Guid NodeId, string Kernel, string ParametersJson, long EstimatedUnits, DateTimeOffset LeaseDeadline,
    string? DeviceClass = null);
