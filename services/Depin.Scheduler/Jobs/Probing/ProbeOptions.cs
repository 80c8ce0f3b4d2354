namespace Depin.Scheduler.Jobs.Probing;

/// <summary>
/// Section "Scheduler:Probes". Probes are jobs of an ordinary client account the operator funds (<see cref="AccountId"/>):
/// billing holds, pays and refunds them like any job, so a node cannot tell one from a client's. None is sent while the
/// account is not set.
/// </summary>
public sealed class ProbeOptions
{
    public Guid? AccountId { get; set; }

    /// <summary>How often the sweeper probes (0: only when an operator asks, through POST /api/probes).</summary>
    public int IntervalSeconds { get; set; } = 300;

    /// <summary>How many online nodes, drawn at random, each sweep probes.</summary>
    public int NodesPerInterval { get; set; } = 1;

    /// <summary>A probe's deadline, as a client's job has one.</summary>
    public int DeadlineSeconds { get; set; } = 600;

    /// <summary>How many recent verified jobs a probe's known answer is drawn from.</summary>
    public int AnswersConsidered { get; set; } = 50;

    /// <summary>The largest job (estimated units) a probe reuses: a probe is paid for, so it should be cheap.</summary>
    public long MaxUnits { get; set; } = 10_000;
}
