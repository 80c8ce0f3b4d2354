using Depin.Compute.Backends;

namespace Depin.Scheduler.Jobs.Probing;

/// <summary>
/// What makes a job a known-answer probe: the node it is for, and the result a quorum of other nodes already agreed on
/// for the same kernel and parameters (<see cref="SourceJobId"/>) on this device class. The node is not told: its job
/// looks like any client's. A result that agrees is paid and counts as an agreed vote; one that does not is rejected like
/// an outvoted replica (a wrong-result verdict: reputation and stake).
/// </summary>
public sealed record KnownAnswer(Guid NodeId, Guid SourceJobId, string ResultHash, string ResultJson, DeviceClass DeviceClass);
