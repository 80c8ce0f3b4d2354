using Depin.Compute.Backends;
using Depin.Scheduler.Jobs;
using Depin.ServiceDefaults.Messaging;
using JasperFx.Events;
using Wire = Depin.Contracts.Scheduler;

namespace Depin.Scheduler.Messaging;

/// <summary>Which job events leave the scheduler, and as what.</summary>
public sealed class IntegrationEventMap : IIntegrationEventMap
{
    public IEnumerable<OutgoingMessage> Map(IEvent stored)
    {
        var jobId = JobDecider.IdOf(stored.StreamKey!);
        OutgoingMessage? message = stored.Data switch
        {
            JobSubmitted e => new(new Wire.JobSubmitted(e.JobId, e.ClientAccountId, e.Kernel, e.ParametersJson, e.MaxPricePerUnit,
                e.EstimatedUnits, e.MaxCost, e.Deadline, e.Replication, e.Region), jobId),
            JobAssigned e => new(new Wire.ExecuteJob(jobId, e.Attempt, e.NodeId, e.Kernel, e.ParametersJson, e.EstimatedUnits, e.LeaseUntil,
                    (e.DeviceClass ?? DeviceClass.Cpu).Name()),
                jobId, NodeQueues.Address(e.NodeId)),
            JobCompleted e => new(new Wire.JobCompleted(jobId, e.ClientAccountId, e.NodeId, e.ProviderAccountId, e.ResultHash, e.Units,
                e.PricePerUnit, e.Cost, e.At, (e.DeviceClass ?? DeviceClass.Cpu).Name()), jobId),
            JobFailed e => new(new Wire.JobFailed(jobId, e.ClientAccountId, e.Reason, e.At), jobId),
            JobCancelled e => new(new Wire.JobCancelled(jobId, e.ClientAccountId, e.At), jobId),
            _ => null,
        };
        return message is null ? [] : [message];
    }
}
