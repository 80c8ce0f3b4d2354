namespace Depin.Contracts.Scheduler;

/// <summary>The job ended without a result; billing releases the whole hold.</summary>
public sealed record JobFailed(Guid JobId, Guid ClientAccountId, string Reason, DateTimeOffset FailedAt);
