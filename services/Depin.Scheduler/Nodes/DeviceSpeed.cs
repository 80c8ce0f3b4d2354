using Depin.Compute.Backends;

namespace Depin.Scheduler.Nodes;

/// <summary>
/// A node's measured speed on one device class: the units its results metered over the seconds it said its kernels ran,
/// both decayed by <see cref="Decay"/> per result so that recent runs count most. Weighing by seconds makes long runs
/// (where a node's throughput shows) count more than tiny ones (where the fixed cost of a run does).
/// </summary>
public sealed record DeviceSpeed(DeviceClass DeviceClass, double Units, double Seconds, long Samples)
{
    public const double Decay = 0.9;

    /// <summary>A run reported in less than this is counted as this long (a node cannot claim an infinite speed).</summary>
    public const double ShortestRun = 0.001;

    public double UnitsPerSecond => Seconds > 0 ? Units / Seconds : 0;

    public DeviceSpeed With(long units, double seconds) =>
        this with { Units = Units * Decay + units, Seconds = Seconds * Decay + Math.Max(seconds, ShortestRun), Samples = Samples + 1 };

    /// <summary>The speeds with one more result folded in (a result with no time said is not a measurement).</summary>
    public static List<DeviceSpeed> Measure(List<DeviceSpeed> speeds, DeviceClass deviceClass, long units, double? seconds)
    {
        if (seconds is not (>= 0 and var ran) || units <= 0 || double.IsNaN(ran)) return speeds;
        var i = speeds.FindIndex(s => s.DeviceClass == deviceClass);
        var now = (i >= 0 ? speeds[i] : new DeviceSpeed(deviceClass, 0, 0, 0)).With(units, ran);
        if (i >= 0) speeds[i] = now;
        else speeds.Add(now);
        return speeds;
    }
}
