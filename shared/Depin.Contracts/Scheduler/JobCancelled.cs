namespace Depin.Contracts.Scheduler;

/// <summary>The client cancelled the job; billing releases the whole hold.</summary>
public sealed record JobCancelled(Guid JobId, Guid ClientAccountId, DateTimeOffset CancelledAt);
