using MassTransit;
using Microsoft.Extensions.Logging;

namespace Depin.ServiceDefaults.Messaging;

/// <summary>Puts the message's job id and correlation id on every log line written while it is consumed.</summary>
public sealed class LogScopeFilter<T>(ILogger<LogScopeFilter<T>> logger) : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var scope = new Dictionary<string, object>
        {
            ["MessageType"] = typeof(T).Name,
            ["CorrelationId"] = context.CorrelationId ?? Guid.Empty,
        };
        if (context.Headers.Get<string>(MessageHeaders.JobId) is { } jobId) scope["JobId"] = jobId;
        using (logger.BeginScope(scope))
            await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("depin-log-scope");
}
