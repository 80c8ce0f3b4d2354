using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Depin.Scheduler.Anomalies;

public sealed record ErrorQueue(string Name, long Messages);

/// <summary>Every queue's depth from the broker's management API, so no service's error queue goes unseen.</summary>
public sealed record ErrorQueueReport(int QueuesChecked, long Messages, IReadOnlyList<ErrorQueue> Queues);

/// <summary>
/// Reads the broker's queues through its management API (ConnectionStrings:rabbitmq_management, an http:// URI
/// with the user in it). A message in a MassTransit error or skipped queue is a bug, never a retry policy.
/// </summary>
public sealed class ErrorQueues(HttpClient http, IConfiguration configuration)
{
    private Uri? Api => configuration.GetConnectionString("rabbitmq_management") is { Length: > 0 } uri ? new Uri(uri) : null;

    public bool Configured => Api is not null;

    public async Task<ErrorQueueReport> ReadAsync(CancellationToken ct)
    {
        var api = Api ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq_management is not set.");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api, "/api/queues?columns=name,messages"));
        if (api.UserInfo is { Length: > 0 } user)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(user))));
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var queues = await response.Content.ReadFromJsonAsync<List<QueueDepth>>(ct) ?? [];
        var errors = queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal))
            .Where(q => q.Messages > 0).Select(q => new ErrorQueue(q.Name, q.Messages ?? 0)).OrderBy(q => q.Name, StringComparer.Ordinal).ToList();
        return new ErrorQueueReport(queues.Count, errors.Sum(q => q.Messages), errors);
    }

    /// <summary>The management API leaves "messages" out until it has sampled a new queue.</summary>
    private sealed record QueueDepth(string Name, long? Messages);
}
