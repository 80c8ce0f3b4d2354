using System.Globalization;

namespace Depin.Benchmarks.EndToEnd;

/// <summary>
/// bench.sh e2e: the whole network as started by the script (durable PostgreSQL settings unless it says
/// otherwise), 2,000 tiny jobs from 8 clients as a burst, then 50 jobs/s offered, with MassTransit's own
/// publish→consume rate on the same broker as the baseline of the same run. A warm-up burst runs first and is
/// not measured: until .NET has compiled the services' hot code (tiered JIT), a just-started network runs at
/// about half its speed (perf: the JIT took 30-40% of the scheduler's CPU after 500 jobs), and a network that
/// serves clients has been running for a while.
/// </summary>
public static class EndToEndBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
            ?? throw new ArgumentException($"{name} is required");
        var gateway = new Uri(Arg("--gateway"));
        var rabbit = new Uri(Arg("--rabbitmq"));
        var keys = Arg("--client-keys").Split(',');
        var jobs = int.Parse(Arg("--jobs"), CultureInfo.InvariantCulture);
        var durability = Arg("--durability");
        // --phases warmup,baseline,burst,offered (the default: all); profiling one phase alone is quicker.
        var phases = (args.SkipWhile(a => a != "--phases").Skip(1).FirstOrDefault() ?? "warmup,baseline,burst,offered").Split(',');
        var warmup = int.Parse(args.SkipWhile(a => a != "--warmup").Skip(1).FirstOrDefault() ?? "1500", CultureInfo.InvariantCulture);

        var baseline = phases.Contains("baseline") ? await BusBaseline.MessagesPerSecondAsync(rabbit, 20_000) : double.NaN;
        Console.Error.WriteLine($"baseline: MassTransit publish→consume {baseline:F0} messages/s");
        var load = new JobLoad(gateway, keys);
        if (phases.Contains("warmup"))
        {
            var warm = await load.BurstAsync(warmup, TimeSpan.FromMinutes(8));
            Console.Error.WriteLine($"warm-up (not measured): {warm.Completed}/{warm.Submitted} completed, {warm.Completed / warm.Seconds:F0} jobs/s");
            // Its tail (the last settlements and payment reports, the projections catching up) is not the burst's.
            if (phases.Contains("burst")) await Task.Delay(TimeSpan.FromSeconds(5));
        }

        var burst = phases.Contains("burst") ? await load.BurstAsync(jobs, TimeSpan.FromMinutes(8)) : JobLoad.Nothing;
        var rate = burst.Completed / burst.Seconds;
        Console.Error.WriteLine($"burst ({durability}): {burst.Completed}/{burst.Submitted} completed, {burst.Other} other, {burst.Seconds:F1} s");
        Measure.Report("e2e", $"burst_completed_jobs_per_s_{durability}", rate, "jobs/s", "masstransit_msgs_per_s", baseline);
        foreach (var p in new[] { 0.50, 0.95, 0.99 })
            Measure.Report("e2e", $"burst_latency_p{p * 100:F0}", JobLoad.Percentile(burst.LatenciesMs, p), "ms", "target_p50_100ms", 100);

        // The burst's tail (its last settlements and payment reports, autovacuum of what it wrote) is not part of
        // what 50 jobs/s costs: let it drain before offering.
        if (phases.Contains("burst") && phases.Contains("offered")) await Task.Delay(TimeSpan.FromSeconds(5));
        var steady = phases.Contains("offered") ? await load.OfferedAsync(50, 500, TimeSpan.FromMinutes(4)) : JobLoad.Nothing;
        Console.Error.WriteLine($"50 jobs/s offered: {steady.Completed}/{steady.Submitted} completed");
        foreach (var p in new[] { 0.50, 0.95, 0.99 })
            Measure.Report("e2e", $"offered50_latency_p{p * 100:F0}", JobLoad.Percentile(steady.LatenciesMs, p), "ms", "target_p50_100ms", 100);
        Measure.Report("e2e", "jobs_not_completed", burst.Submitted - burst.Completed + steady.Submitted - steady.Completed, "jobs", "zero", 1);
        return 0;
    }
}
