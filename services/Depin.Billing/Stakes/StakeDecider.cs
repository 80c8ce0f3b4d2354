using Depin.EventSourcing.Deciding;
using StakeDecision = Depin.EventSourcing.Deciding.Decision<Depin.Billing.Stakes.IStakeEvent>;

namespace Depin.Billing.Stakes;

/// <summary>Bonds, unbonds, releases and slashes a node's stake; every repeat is "already done".</summary>
public static class StakeDecider
{
    /// <summary>The most one request may stake (10^9 credits), as the registry's registration allows.</summary>
    public const long MaxStake = 1_000_000_000_000_000;

    public static readonly Decider<NodeStake, IStakeCommand, IStakeEvent> Decider = new(NodeStake.Initial, NodeStake.Evolve, Decide);

    private const string Prefix = "stake-";
    public static string StreamId(Guid nodeId) => Prefix + nodeId;

    public static StakeDecision Decide(IStakeCommand command, NodeStake stake) => command switch
    {
        StakeForRegistration c => Register(c, stake),
        _ when !stake.Known => StakeDecision.Reject(RejectionCode.NotFound, "billing knows no such node: its registration has not reached billing"),
        AddStake c when c.RequestedBy != stake.ProviderAccountId => StakeDecision.Reject(RejectionCode.Forbidden, "only the node's provider may stake on it"),
        AddStake c when c.Amount is <= 0 or > MaxStake =>
            StakeDecision.Reject(RejectionCode.Invalid, $"amount must be between 1 and {MaxStake} micro-credits (got {c.Amount})"),
        AddStake c when c.Available < c.Amount =>
            StakeDecision.Reject(RejectionCode.Conflict, $"available balance {c.Available} is below the stake {c.Amount} (micro-credits)"),
        AddStake c when stake.Bonded > MaxStake - c.Amount => StakeDecision.Reject(RejectionCode.Conflict, $"a node's stake cannot exceed {MaxStake}"),
        AddStake c => StakeDecision.Accept(new StakeBonded(c.NodeId, stake.ProviderAccountId, c.Amount, stake.Bonded + c.Amount, null, c.Now)),
        UnbondStake c when c.RequestedBy != stake.ProviderAccountId => StakeDecision.Reject(RejectionCode.Forbidden, "only the node's provider may unbond its stake"),
        UnbondStake c when c.Amount <= 0 || c.Amount > stake.Bonded =>
            StakeDecision.Reject(RejectionCode.Invalid, $"amount must be between 1 and the bonded stake {stake.Bonded} (got {c.Amount})"),
        UnbondStake c => StakeDecision.Accept(new StakeUnbonding(c.NodeId, stake.ProviderAccountId, c.Amount, stake.Bonded - c.Amount, c.Now + c.CoolingOff, c.Now)),
        ReleaseStake c => stake.ReleasableBy(c.Now) is > 0 and var due
            ? StakeDecision.Accept(new StakeReleased(stake.NodeId, stake.ProviderAccountId, due, stake.Bonded, c.Now))
            : StakeDecision.Nothing,
        SlashStake c when stake.Verdicts.Contains(c.VerdictId) => StakeDecision.Nothing,
        SlashStake c => Slash(c, stake),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown stake command"),
    };

    /// <summary>Tops the stake up to what the registration asks; an older registration than one already seen changes nothing.</summary>
    private static StakeDecision Register(StakeForRegistration c, NodeStake stake)
    {
        if (stake.Known && c.ProviderAccountId != stake.ProviderAccountId)
            return StakeDecision.Reject(RejectionCode.Conflict, "the node's stake belongs to another provider");
        if (stake.Known && c.RegistrationVersion <= stake.RegistrationVersion) return StakeDecision.Nothing;
        var missing = Math.Clamp(c.Target, 0, MaxStake) - stake.Bonded;
        if (missing <= 0)
            return stake.Known ? StakeDecision.Nothing : StakeDecision.Accept(new StakeOpened(c.NodeId, c.ProviderAccountId, 0, c.RegistrationVersion, c.Now));
        return c.Available >= missing
            ? StakeDecision.Accept(new StakeBonded(c.NodeId, c.ProviderAccountId, missing, stake.Bonded + missing, c.RegistrationVersion, c.Now))
            : StakeDecision.Accept(new StakeShortfall(c.NodeId, c.ProviderAccountId, missing, c.Available, stake.Bonded, c.RegistrationVersion,
                $"available balance {c.Available} is below the {missing} the registration's stake of {c.Target} needs (micro-credits)", c.Now));
    }

    /// <summary>Basis points of the slashable stake, rounded down; the client's part rounded down, the treasury gets the rest.</summary>
    private static StakeDecision Slash(SlashStake c, NodeStake stake)
    {
        var amount = (long)((Int128)stake.Slashable * c.ShareBasisPoints / 10_000);
        var toClient = c.ClientAccountId is null ? 0 : (long)((Int128)amount * c.ToClientBasisPoints / 10_000);
        var fromBonded = Math.Min(amount, stake.Bonded);
        return StakeDecision.Accept(new StakeSlashed(stake.NodeId, stake.ProviderAccountId, c.VerdictId, c.JobId, c.ClientAccountId, amount, fromBonded,
            toClient, amount - toClient, stake.Bonded - fromBonded, c.Reason, c.Now));
    }
}
