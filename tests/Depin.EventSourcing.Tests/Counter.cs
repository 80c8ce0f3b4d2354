using Depin.EventSourcing.Deciding;

namespace Depin.EventSourcing.Tests;

public sealed record Counted(int Writer, int N);

public sealed record Add(int Writer, int N);

/// <summary>A tiny decider to exercise the conventions with: a running sum of what was added.</summary>
public static class Counter
{
    public static readonly Decider<long, Add, Counted> Decider = new(0, (sum, e) => sum + e.N, (c, _) => Decision<Counted>.Accept(new Counted(c.Writer, c.N)));
}
