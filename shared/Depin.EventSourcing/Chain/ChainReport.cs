namespace Depin.EventSourcing.Chain;

/// <summary>
/// What verifying a log's chain found: how many events it checked, the chain's head (record it somewhere else
/// to detect a rewrite of the whole tail), how many events are newer than the head, and the first broken link.
/// </summary>
public sealed record ChainReport(string Log, long Verified, long HeadPosition, string HeadHash, long Unchained, BrokenLink? Broken)
{
    public bool Intact => Broken is null;
}

/// <summary>The first position whose stored event no longer matches the chain, and how.</summary>
public sealed record BrokenLink(long Position, string? Stream, long? Version, string? Type, string Problem);
