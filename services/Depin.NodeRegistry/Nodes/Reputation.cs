namespace Depin.NodeRegistry.Nodes;

/// <summary>
/// A node's reputation from its verified outcomes. The score is a Bayesian mean with one agreement and one failure as the
/// prior, so a newcomer starts at 0.5, and a wrong result weighs four agreements, a lease left to run out half of one:
/// <code>score = (agreed + 1) / (agreed + 1 + 4 × wrong + 0.5 × timedOut + 1)</code>
/// One wrong result with nothing to its credit (0.17) suspends a node under the default threshold of 0.2; an honest node
/// with a hundred agreements survives a wrong one (0.95). The streak (agreements since the last wrong result) is what
/// trust for unreplicated work rests on.
/// </summary>
public sealed record Reputation(long Agreed, long Wrong, long TimedOut, int Streak)
{
    public static readonly Reputation Newcomer = new(0, 0, 0, 0);

    public const double WrongWeight = 4, TimeoutWeight = 0.5;

    public double Score => (Agreed + 1.0) / (Agreed + 1.0 + WrongWeight * Wrong + TimeoutWeight * TimedOut + 1.0);

    public Reputation With(string outcome) => outcome switch
    {
        Contracts.Scheduler.NodeVerdicts.Agreed => this with { Agreed = Agreed + 1, Streak = Streak + 1 },
        Contracts.Scheduler.NodeVerdicts.WrongResult => this with { Wrong = Wrong + 1, Streak = 0 },
        Contracts.Scheduler.NodeVerdicts.TimedOut => this with { TimedOut = TimedOut + 1 },
        _ => this,
    };

    public static bool Known(string outcome) => outcome is Contracts.Scheduler.NodeVerdicts.Agreed or Contracts.Scheduler.NodeVerdicts.WrongResult
        or Contracts.Scheduler.NodeVerdicts.TimedOut;
}
