using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Depin.Cli.Api;

/// <summary>HTTP to the gateway with the caller's API key; every error comes back as an <see cref="ApiException"/>.</summary>
public sealed class GatewayClient(Uri gateway, string apiKey) : IDisposable
{
    private readonly HttpClient _http = Create(gateway, apiKey);

    private static HttpClient Create(Uri gateway, string apiKey)
    {
        var http = new HttpClient { BaseAddress = gateway, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("depin-cli", "1"));
        return http;
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), ct);

    public Task<JsonElement> PostAsync(string path, object body, CancellationToken ct, IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        return SendAsync(request, ct);
    }

    /// <summary>A server-sent event stream: each event's type and data, until the server ends it.</summary>
    public async IAsyncEnumerable<(string Type, JsonElement Data)> StreamAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await Call(() => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct));
        await ThrowIfFailedAsync(response, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var (type, data) = ("message", "");
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal)) type = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data += line[5..].Trim();
            else if (line.Length == 0 && data.Length > 0)
            {
                yield return (type, JsonDocument.Parse(data).RootElement.Clone());
                (type, data) = ("message", "");
            }
        }
    }

    /// <summary>An NDJSON response, one line at a time as it arrives (a large export is never held in memory).</summary>
    public async IAsyncEnumerable<string> LinesAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await Call(() => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct));
        await ThrowIfFailedAsync(response, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
            if (line.Length > 0) yield return line;
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        using (var response = await Call(() => _http.SendAsync(request, ct)))
        {
            await ThrowIfFailedAsync(response, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    private async Task<HttpResponseMessage> Call(Func<Task<HttpResponseMessage>> send)
    {
        try { return await send(); }
        catch (HttpRequestException ex) { throw new GatewayUnreachableException(gateway, ex); }
    }

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(ct);
        string? title = null, detail = null;
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        }
        catch (JsonException) { detail = body.Length == 0 ? null : body; }
        throw new ApiException(status, title ?? $"{status} {response.ReasonPhrase}", detail);
    }

    public void Dispose() => _http.Dispose();
}
