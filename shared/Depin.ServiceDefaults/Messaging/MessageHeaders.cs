using MassTransit;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>Headers every job-related message carries, so each log line about a job names it.</summary>
public static class MessageHeaders
{
    public const string JobId = "Depin-JobId";

    public static void SetJobId(this SendContext context, Guid jobId) => context.Headers.Set(JobId, jobId.ToString());
}
