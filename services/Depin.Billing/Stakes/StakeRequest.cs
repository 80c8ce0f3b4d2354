namespace Depin.Billing.Stakes;

/// <summary>Body of POST /api/stakes/{nodeId} (add to the stake) and /unbond (ask for part of it back): micro-credits.</summary>
public sealed record StakeRequest(long? Amount);
