namespace Depin.Contracts.Scheduler;

/// <summary>
/// A verified outcome of one node's attempt, the evidence reputation and slashing rest on. Outcome is one of
/// <see cref="NodeVerdicts"/>; VerdictId names the evidence in the scheduler's log (the job event it came from). The provider
/// and the client are named where the verdict may move money (agreed, wrong-result), null otherwise.
/// </summary>
public sealed record NodeVerdict(Guid VerdictId, Guid JobId, Guid NodeId, Guid? ProviderAccountId, Guid? ClientAccountId, string Outcome, string Reason,
    DateTimeOffset At);

public static class NodeVerdicts
{
    /// <summary>Its result agreed with the quorum of a replicated job.</summary>
    public const string Agreed = "agreed";

    /// <summary>Its result disagreed with the quorum (or with a known answer): billing slashes its stake.</summary>
    public const string WrongResult = "wrong-result";

    /// <summary>It held an attempt until the lease ran out without a result.</summary>
    public const string TimedOut = "timed-out";
}
