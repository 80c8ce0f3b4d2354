namespace Depin.Contracts.Scheduler;

/// <summary>Sent to one node's queue: run this kernel and report before the lease deadline.</summary>
public sealed record ExecuteJob(Guid JobId, int Attempt, Guid NodeId, string Kernel, string ParametersJson, long EstimatedUnits, DateTimeOffset LeaseDeadline);
