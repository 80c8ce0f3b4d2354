namespace Depin.Compute.Hashing;

/// <summary>Sum, sum of squares, min and max of quantised values (divide by the quantum for real units).</summary>
public readonly record struct QuantisedStats(long Count, long Sum, double SumSquares, long Min, long Max)
{
    public static readonly QuantisedStats Empty = new(0, 0, 0, long.MaxValue, long.MinValue);

    public QuantisedStats Merge(QuantisedStats o) =>
        new(Count + o.Count, Sum + o.Sum, SumSquares + o.SumSquares, Math.Min(Min, o.Min), Math.Max(Max, o.Max));
}
