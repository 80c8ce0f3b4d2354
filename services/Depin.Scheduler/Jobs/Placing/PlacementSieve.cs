using Depin.Scheduler.Jobs.Querying;

namespace Depin.Scheduler.Jobs.Placing;

/// <summary>
/// Which queued jobs a sweep should load at all: those, oldest first, that some node with a slot still free could take
/// by kernel, region, device and price, each counted against one such node's free slots. Loading a job locks its
/// stream and reads its events; under a burst every node is full most of the time, and a sweep that loaded its whole
/// batch to place a handful of jobs (or none) cost two statements per job it loaded, all of them under the placement
/// lock's queue. The sieve only thins: a job it passes may still not be placed (replicas' distinct providers, a probe's
/// one node), and one it holds back is first in line at the next sweep.
/// </summary>
public static class PlacementSieve
{
    public static IReadOnlyList<Guid> Placeable(IReadOnlyList<JobRecord> queued, NodePool pool)
    {
        var taken = new int[pool.Count];
        var placeable = new List<Guid>();
        foreach (var job in queued)
        {
            var device = new DeviceRequest(job.DeviceClass, job.MinGpuMemoryMiB);
            foreach (var entry in pool.Offering(job.Kernel, job.Region))
            {
                if (entry.Price > job.MaxPricePerUnit) break;   // cheapest first: the rest ask more
                var node = pool[entry.Node];
                if (node.ActiveJobs + taken[entry.Node] >= node.Slots || !Eligibility.Accepts(device, job.MaxPricePerUnit, node.Offers[entry.Offer])) continue;
                taken[entry.Node]++;
                placeable.Add(job.JobId);
                break;
            }
        }
        return placeable;
    }
}
