using System.Diagnostics;

namespace Depin.Benchmarks;

/// <summary>Best-of-N wall time after a warm-up: the least disturbed run on a shared, noisy machine.</summary>
public static class Measure
{
    public static double BestSeconds(Action run, int repeats = 5, double minTotalSeconds = 0)
    {
        run();   // warm-up: JIT tiers, caches, page faults
        var best = double.MaxValue;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < repeats || total.Elapsed.TotalSeconds < minTotalSeconds; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            if (i > 50) break;
        }
        return best;
    }

    /// <summary>The machine-readable line of DESIGN.md.</summary>
    public static void Report(string area, string name, double value, string unit, string baselineName, double baseline) =>
        Console.WriteLine(FormattableString.Invariant(
            $"BENCH area={area} name={name} value={value:F3} unit={unit} baseline={baselineName}:{baseline:F3} ratio={value / baseline:F3}"));
}
